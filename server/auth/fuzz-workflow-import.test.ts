// Property-based fuzzing of workflow import and create over HTTP (fast-check): arbitrary JSON,
// broken JSON text and nearly-valid documents. Every call answers without a 5xx, refusals name
// what is wrong, and only accepted calls add rows (a refused save changes nothing).
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { connectTestDatabase } from '@/server/testing/test-api'
import { startEntryTestServer } from '@/server/testing/entry-test-server'
import {
  adminCookie,
  anyJson,
  count,
  expectCleanRefusal,
  FUZZ_RUNS,
  hostileJson,
  loneSurrogateText,
  nastyValue,
  nearlyShaped,
  rawTrpc,
  reportTally,
  rowCounts,
  type Tally,
} from '@/server/testing/fuzz-kit'

vi.setConfig({ testTimeout: 120_000 }) // typically 5–35 s; headroom for a loaded machine

const database = connectTestDatabase()
let server: Awaited<ReturnType<typeof startEntryTestServer>>
let cookie = ''
const TABLES = ['workflows', 'workflow_versions', 'executions', 'templates']

beforeAll(async () => {
  server = await startEntryTestServer(database)
  cookie = await adminCookie(database)
})
afterAll(async () => {
  await server.close()
  await database.close()
})

const STEP_KEYS = [
  'id',
  'name',
  'type',
  'action',
  'params',
  'target',
  'dependencies',
  'wait',
  'request',
  'when',
  'over',
]
const step = fc.oneof(
  nearlyShaped(STEP_KEYS),
  fc.record({
    id: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), nastyValue),
    name: fc.oneof(fc.string({ maxLength: 20 }), nastyValue),
    type: fc.oneof(
      fc.constantFrom('command', 'wait', 'webhook', 'parallel', 'condition', 'nope'),
      nastyValue,
    ),
    action: fc.oneof(fc.constantFrom('echo', 'system.info'), nastyValue),
    dependencies: fc.oneof(fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }), nastyValue),
  }),
)
/** Documents with the right top-level keys and something wrong inside. */
const nearlyWorkflow = fc.record({
  schemaVersion: fc.oneof(fc.constant(1), nastyValue),
  name: fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), nastyValue),
  description: fc.oneof(fc.string({ maxLength: 30 }), nastyValue),
  steps: fc.oneof(fc.array(step, { maxLength: 6 }), nastyValue),
  inputs: fc.oneof(fc.constant(undefined), nastyValue),
})
const documentText = fc.oneof(
  anyJson.map((v) => JSON.stringify(v)),
  nearlyWorkflow.map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 300 }),
  nearlyWorkflow.map((v) => JSON.stringify(v).slice(0, -3)), // cut short
)

describe('fuzzing workflow import and create', () => {
  it('workflows.import: no 5xx, refusals name the problem, no rows from refused imports', async () => {
    const before = await rowCounts(database, TABLES)
    const tally: Tally = new Map()
    let accepted = 0
    await fc.assert(
      fc.asyncProperty(documentText, fc.option(nastyValue), async (json, name) => {
        const reply = await rawTrpc(
          server.base,
          cookie,
          'mutation',
          'workflows.import',
          name === null ? { json } : { json, name },
        )
        const outcome = expectCleanRefusal(reply, `import ${json.slice(0, 200)}`)
        count(tally, outcome)
        // A refusal without field issues is only for text that is not JSON, with its position.
        if (outcome === '400')
          expect(reply.body?.error?.json?.message).toMatch(/not valid JSON \(line \d+, column \d+\)|NUL/)
        if (reply.status === 200) accepted++
      }),
      { numRuns: FUZZ_RUNS },
    )
    const after = await rowCounts(database, TABLES)
    expect(after).toEqual({
      ...before,
      workflows: before.workflows! + accepted,
      workflow_versions: before.workflow_versions! + accepted,
    })
    expect(reportTally('workflows.import', tally)).toBe(FUZZ_RUNS)
  })

  it('workflows.create: no 5xx, refusals name the problem, no rows from refused saves', async () => {
    const before = await rowCounts(database, TABLES)
    const tally: Tally = new Map()
    let accepted = 0
    const input = fc.oneof(
      anyJson,
      fc.record({ definition: fc.oneof(nearlyWorkflow, anyJson) }),
      fc.record({ definition: nearlyWorkflow, message: nastyValue }),
    )
    await fc.assert(
      fc.asyncProperty(input, async (value) => {
        const reply = await rawTrpc(server.base, cookie, 'mutation', 'workflows.create', value)
        count(tally, expectCleanRefusal(reply, `create ${JSON.stringify(value).slice(0, 200)}`))
        if (reply.status === 200) accepted++
      }),
      { numRuns: FUZZ_RUNS },
    )
    const after = await rowCounts(database, TABLES)
    expect(after).toEqual({
      ...before,
      workflows: before.workflows! + accepted,
      workflow_versions: before.workflow_versions! + accepted,
    })
    expect(reportTally('workflows.create', tally)).toBe(FUZZ_RUNS)
  })

  /** A valid one-step workflow with a hostile value in its name, params or inputs schema. */
  const hostileWorkflow = fc
    .tuple(fc.constantFrom('name', 'params', 'description', 'stepName'), hostileJson, loneSurrogateText)
    .map(([where, value, text]) => ({
      name: where === 'name' ? text : 'hostile',
      description: where === 'description' ? text : '',
      steps: [
        {
          id: 'a',
          name: where === 'stepName' ? text : 'a',
          type: 'command',
          action: 'echo',
          params: where === 'params' ? { value } : {},
        },
      ],
    }))

  // The shared JSON guard (issue 15) refuses these shapes with a 400 naming the field.
  it('workflows.import and create with deep nesting and lone surrogates: no 5xx, nothing written by refusals', async () => {
    const before = await rowCounts(database, TABLES)
    const tally: Tally = new Map()
    let accepted = 0
    await fc.assert(
      fc.asyncProperty(hostileWorkflow, fc.boolean(), async (definition, viaImport) => {
        const reply = viaImport
          ? await rawTrpc(server.base, cookie, 'mutation', 'workflows.import', { json: JSON.stringify(definition) })
          : await rawTrpc(server.base, cookie, 'mutation', 'workflows.create', { definition })
        count(tally, expectCleanRefusal(reply, `${viaImport ? 'import' : 'create'} ${JSON.stringify(definition).slice(0, 200)}`))
        if (reply.status === 200) accepted++
      }),
      { numRuns: Math.ceil(FUZZ_RUNS / 2) },
    )
    const after = await rowCounts(database, TABLES)
    expect(after).toEqual({
      ...before,
      workflows: before.workflows! + accepted,
      workflow_versions: before.workflow_versions! + accepted,
    })
    reportTally('workflows.import/create, hostile shapes', tally)
  })
})
