// Property-based fuzzing of tRPC inputs over HTTP (fast-check): a dozen procedures across the
// routers get arbitrary JSON and nearly-shaped objects as an admin. No 5xx; refusals are 4xx that
// say what is wrong; rows appear only for accepted creates (refused calls write nothing).
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { connectTestDatabase } from '@/server/testing/test-api'
import { startEntryTestServer } from './entry-test-server'
import {
  adminCookie,
  anyJson,
  count,
  expectCleanRefusal,
  FUZZ_RUNS,
  nearlyShaped,
  rawTrpc,
  reportTally,
  rowCounts,
  type Tally,
} from './fuzz-kit'

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
})
