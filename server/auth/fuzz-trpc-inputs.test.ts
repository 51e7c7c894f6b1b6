// Property-based fuzzing of tRPC inputs over HTTP (fast-check): a dozen procedures across the
// routers get arbitrary JSON and nearly-shaped objects as an admin. No 5xx; refusals are 4xx that
// say what is wrong; rows appear only for accepted creates (refused calls write nothing).
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { connectTestDatabase } from '@/server/testing/test-api'
import { startEntryTestServer } from '@/server/testing/entry-test-server'
import { MAX_TRPC_BATCH } from './trpc-batch-policy'
import {
  adminCookie,
  anyJson,
  count,
  expectCleanRefusal,
  FUZZ_RUNS,
  hostileJson,
  hostileShaped,
  nearlyShaped,
  rawTrpc,
  rawTrpcBatch,
  reportTally,
  rowCounts,
  type Tally,
} from '@/server/testing/fuzz-kit'

vi.setConfig({ testTimeout: 120_000 }) // typically 5–35 s; headroom for a loaded machine

const database = connectTestDatabase()
let server: Awaited<ReturnType<typeof startEntryTestServer>>
let cookie = ''

beforeAll(async () => {
  server = await startEntryTestServer(database)
  cookie = await adminCookie(database)
})
afterAll(async () => {
  await server.close()
  await database.close()
})

type Target = { type: 'query' | 'mutation'; path: string; keys: string[]; creates?: string[] }
const TARGETS: Target[] = [
  {
    type: 'mutation',
    path: 'runs.start',
    keys: ['workflowId', 'inputs', 'version'],
    creates: ['executions'],
  },
  { type: 'mutation', path: 'runs.cancel', keys: ['id'] },
  { type: 'mutation', path: 'runs.resume', keys: ['id', 'stepId', 'signal', 'payload'] },
  { type: 'mutation', path: 'runs.rerun', keys: ['id', 'fromStepId'], creates: ['executions'] },
  {
    type: 'query',
    path: 'runs.list',
    keys: ['workflowId', 'status', 'page', 'pageSize', 'trigger', 'search'],
  },
  { type: 'query', path: 'runs.get', keys: ['id'] },
  {
    type: 'mutation',
    path: 'workflows.update',
    keys: ['id', 'definition', 'message', 'expectedVersion'],
    creates: ['workflow_versions'],
  },
  {
    type: 'mutation',
    path: 'triggers.schedules.create',
    keys: ['workflowId', 'cron', 'timezone', 'inputs', 'enabled'],
    creates: ['schedules'],
  },
  {
    type: 'mutation',
    path: 'monitoring.createRule',
    keys: [
      'name',
      'metric',
      'comparator',
      'threshold',
      'windowSeconds',
      'forSeconds',
      'webhookUrl',
      'enabled',
    ],
    creates: ['alert_rules'],
  },
  { type: 'mutation', path: 'users.create', keys: ['email', 'name', 'role', 'password'], creates: ['users'] },
  { type: 'mutation', path: 'secrets.create', keys: ['name', 'value', 'description'], creates: ['secrets'] },
  {
    type: 'mutation',
    path: 'devices.createToken',
    keys: ['name', 'tags', 'serverUrl'],
    creates: ['devices'],
  },
  { type: 'query', path: 'devices.list', keys: ['tag', 'status', 'search'] },
  {
    type: 'mutation',
    path: 'templates.instantiate',
    keys: ['templateId', 'variables', 'name'],
    creates: ['workflows', 'workflow_versions'],
  },
  { type: 'query', path: 'audit.list', keys: ['action', 'outcome', 'actorId', 'beforeId', 'limit'] },
]
const TABLES = [
  'executions',
  'workflows',
  'workflow_versions',
  'schedules',
  'alert_rules',
  'users',
  'secrets',
  'devices',
]

describe('fuzzing tRPC inputs over HTTP', () => {
  it(`${TARGETS.length} procedures: no 5xx, clear 4xx refusals, rows only from accepted creates`, async () => {
    const before = await rowCounts(database, TABLES)
    const expected = { ...before }
    const tally: Tally = new Map()
    const input = fc
      .constantFrom(...TARGETS)
      .chain((target) =>
        fc.tuple(
          fc.constant(target),
          fc.oneof(anyJson, nearlyShaped(target.keys), nearlyShaped(target.keys)),
        ),
      )
    await fc.assert(
      fc.asyncProperty(input, async ([target, value]) => {
        const reply = await rawTrpc(server.base, cookie, target.type, target.path, value)
        count(
          tally,
          `${target.path} ${expectCleanRefusal(reply, `${target.path} ${JSON.stringify(value)?.slice(0, 200)}`)}`,
        )
        if (reply.status === 200) for (const table of target.creates ?? []) expected[table]!++
      }),
      { numRuns: FUZZ_RUNS * 2 },
    )
    expect(await rowCounts(database, TABLES)).toEqual(expected)
    const byStatus: Tally = new Map()
    for (const [key, n] of tally)
      byStatus.set(key.split(' ')[1]!, (byStatus.get(key.split(' ')[1]!) ?? 0) + n)
    expect(reportTally(`tRPC inputs (${TARGETS.length} procedures)`, byStatus)).toBe(FUZZ_RUNS * 2)
  })

  it('huge batches: over the cap refused whole with nothing written, within it no 5xx', async () => {
    const before = await rowCounts(database, TABLES)
    const tally: Tally = new Map()
    const queries = TARGETS.filter((t) => t.type === 'query')
    const batch = fc.oneof(
      fc.tuple(
        fc.constantFrom<'query' | 'mutation'>('query', 'mutation'),
        fc.integer({ min: MAX_TRPC_BATCH + 1, max: 600 }),
        fc.constantFrom(...TARGETS),
      ),
      fc.tuple(fc.constant<'query' | 'mutation'>('query'), fc.integer({ min: 1, max: MAX_TRPC_BATCH }), fc.constantFrom(...queries)),
    )
    await fc.assert(
      fc.asyncProperty(batch, fc.boolean(), async ([type, size, target], signedIn) => {
        const calls = Array.from({ length: size }, () => ({ path: target.path, input: {} }))
        const reply = await rawTrpcBatch(server.base, signedIn ? cookie : '', type, calls)
        count(tally, `${size > MAX_TRPC_BATCH ? 'over' : 'within'} ${reply.status}`)
        expect(reply.status, reply.text.slice(0, 300)).toBeLessThan(500)
        // Over the cap: refused whole (400), or earlier by the HTTP layer when the query string alone is over 16 KiB (431).
        if (size > MAX_TRPC_BATCH) {
          expect([400, 431]).toContain(reply.status)
          if (reply.status === 400) expect(reply.text).toContain(`at most ${MAX_TRPC_BATCH} calls`)
        }
      }),
      { numRuns: Math.ceil(FUZZ_RUNS / 5) },
    )
    expect(await rowCounts(database, TABLES)).toEqual(before)
    reportTally('tRPC batches (sizes 1-600)', tally)
  })

  it(`${TARGETS.length} procedures with deep nesting and lone surrogates: no 5xx, nothing written`, async () => {
    const before = await rowCounts(database, TABLES)
    const expected = { ...before }
    const tally: Tally = new Map()
    const input = fc
      .constantFrom(...TARGETS)
      .chain((target) => fc.tuple(fc.constant(target), fc.oneof(hostileJson, hostileShaped(target.keys))))
    await fc.assert(
      fc.asyncProperty(input, async ([target, value]) => {
        const reply = await rawTrpc(server.base, cookie, target.type, target.path, value)
        count(tally, expectCleanRefusal(reply, `${target.path} ${JSON.stringify(value)?.slice(0, 200)}`))
        if (reply.status === 200) for (const table of target.creates ?? []) expected[table]!++
      }),
      { numRuns: Math.ceil(FUZZ_RUNS / 2) },
    )
    expect(await rowCounts(database, TABLES)).toEqual(expected)
    reportTally('tRPC inputs, hostile shapes', tally)
  })

  // The shared JSON guard (issue 15) refuses these shapes with a 400 naming the field.
  it('runs.start of a real workflow with deep or lone-surrogate inputs: no 5xx, runs only from accepted calls', async () => {
    const definition = { name: `fuzz inputs ${Date.now()}`, steps: [{ id: 'a', name: 'a', type: 'command', action: 'echo' }] }
    const saved = await rawTrpc(server.base, cookie, 'mutation', 'workflows.create', { definition })
    const workflowId = (saved.body as { result?: { data?: { json?: { workflowId?: string } } } } | undefined)?.result?.data?.json?.workflowId
    expect(workflowId).toBeTruthy()
    const before = await rowCounts(database, ['executions'])
    const tally: Tally = new Map()
    let accepted = 0
    await fc.assert(
      fc.asyncProperty(hostileJson, async (value) => {
        const reply = await rawTrpc(server.base, cookie, 'mutation', 'runs.start', { workflowId, inputs: { value } })
        count(tally, expectCleanRefusal(reply, `runs.start ${JSON.stringify(value)?.slice(0, 200)}`))
        if (reply.status === 200) accepted++
      }),
      { numRuns: Math.ceil(FUZZ_RUNS / 2) },
    )
    expect(await rowCounts(database, ['executions'])).toEqual({ executions: before.executions! + accepted })
    reportTally('runs.start inputs, hostile shapes', tally)
  })
})
