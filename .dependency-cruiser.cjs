// The layer table: which room of the code may import which (CONTRIBUTING.md "Layers", ADR 0005).
// Each room lists the rooms below it that it may use; anything else is an upward or sideways
// import and fails `npm run lint`. Tests and test kits may reach across; production code may not.
/** Rooms, each a path pattern. A file belongs to the first room whose pattern matches it. */
const ROOMS = {
  // Composition roots wire the rooms together: they may import anything.
  root: '^server/(main\\.ts$|boot/)',
  contracts: '^contracts/',
  // Before `pure`: a step folder's executor is runner code, its other .ts files are pure.
  runner: '^server/runner/|^steps/[a-z-]+/executor\\.ts$|^steps/executors\\.ts$',
  pure: '^(server/engine|server/statistics)/|^steps/[a-z-]+\\.ts$|^steps/[a-z-]+/[a-z-]+\\.ts$',
  db: '^db/',
  platform: '^server/platform/',
  agent: '^agent/',
  workflows: '^server/workflows/',
  templates: '^server/templates/',
  auth: '^server/auth/',
  secrets: '^server/secrets/',
  analytics: '^server/analytics/',
  realtime: '^server/realtime/',
  devices: '^server/devices/',
  triggers: '^server/triggers/',
  metrics: '^server/metrics/',
  api: '^server/api/',
  http: '^server/http/',
  ui: '^(components|app)/|^steps/[a-z-]+\\.tsx$|^steps/[a-z-]+/[a-z-]+\\.tsx$',
}

/** Server files the browser may import: zod contracts of the API and pure tables. */
const SHARED_WITH_UI =
  '^server/api/(.+\\.types|root-router)\\.ts$|^server/auth/(roles|permissions|trpc-batch-policy)\\.ts$|' +
  '^server/triggers/(cron-schedule|webhook-curl-example|webhook-wire)\\.ts$|^server/workflows/json-error-position\\.ts$'

const BASE = ['contracts', 'pure', 'db', 'platform']

/** The runner's ports (types only): the rooms that implement them import this file and no other of the runner. */
const RUNNER_PORTS = '^server/runner/ports\\.ts$'

/** Single files a room may import from a room above it, each with its reason. */
const ALSO_MAY_IMPORT = {
  // The rooms that implement the runner's ports see those interfaces and nothing else of the runner.
  secrets: [RUNNER_PORTS], // the vault implements StepSecrets
  devices: [RUNNER_PORTS], // dispatch implements DeviceDriver; the demo fleet runs behind it
}

/** What each room may import besides itself. */
const MAY_IMPORT = {
  contracts: [],
  pure: ['contracts'],
  db: ['contracts', 'pure'],
  platform: ['contracts', 'pure', 'db'],
  agent: ['contracts'],
  workflows: BASE,
  templates: [...BASE, 'workflows'],
  auth: BASE,
  secrets: [...BASE, 'auth', 'workflows'],
  analytics: BASE,
  realtime: BASE,
  runner: [...BASE, 'auth', 'workflows', 'templates'],
  devices: [...BASE, 'agent', 'auth', 'secrets', 'workflows', 'realtime'],
  triggers: [...BASE, 'auth', 'secrets', 'workflows', 'runner', 'devices'],
  metrics: [...BASE, 'auth', 'workflows', 'analytics', 'runner', 'devices'],
  api: [...BASE, 'auth', 'secrets', 'workflows', 'templates', 'analytics', 'realtime', 'runner', 'devices', 'triggers', 'metrics'],
  http: [...BASE, 'auth', 'secrets', 'workflows', 'runner', 'devices', 'triggers', 'metrics', 'api'],
  ui: ['contracts', 'pure'],
}

const pathOf = (room) => ROOMS[room]
const forbidden = Object.entries(MAY_IMPORT).map(([room, may]) => {
  const allowed = [room, ...may].map(pathOf)
  if (room === 'ui') allowed.push(SHARED_WITH_UI)
  allowed.push(...(ALSO_MAY_IMPORT[room] ?? []))
  const own = [room, ...Object.keys(ROOMS).slice(0, Object.keys(ROOMS).indexOf(room))]
  return {
    name: `layer-${room}`,
    comment: `${room} may import only: ${[room, ...may].join(', ')}${room === 'ui' ? ', and server files shared with the browser' : ''}.`,
    severity: 'error',
    // The first matching room wins: a file of this room matches its pattern and none before it.
    from: { path: pathOf(room), pathNot: own.slice(1).map(pathOf) },
    to: { path: '^(contracts|server|steps|db|agent|components|app)/', pathNot: allowed },
  }
})

module.exports = {
  forbidden: [
    ...forbidden,
    {
      name: 'no-circular',
      comment:
        'Production files never import each other in a loop, type-only imports included: move what both need into a file of its own below both.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unknown-room',
      comment: 'Every production file under server/ belongs to a room of the layer table.',
      severity: 'error',
      from: { path: '^server/', pathNot: [...Object.values(ROOMS), '^server/testing/'] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.test\\.tsx?$|^e2e/|^bench/|^server/testing/|node_modules)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
}
