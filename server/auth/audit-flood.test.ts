// Issue 16, finding 5 replayed over real HTTP: a flood of refused calls is one audit row per
// caller and reason per minute, with a count; the table stays append-only for everything else.
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectTestDatabase } from '@/server/testing/test-api'
import { startHttpTestServer } from '@/server/testing/http-test-server'
import { MAX_TRPC_BATCH } from './trpc-batch-policy'

const database = connectTestDatabase()
// A frozen clock: every refusal of the test falls in the same one-minute window.
const frozen = { now: () => new Date('2031-03-04T05:06:07.000Z') }
let server: Awaited<ReturnType<typeof startHttpTestServer>>

beforeAll(async () => {
  server = await startHttpTestServer(database, frozen, { mode: 'on', trustProxy: true })
})
afterAll(async () => {
  await server.close()
  await database.close()
})

type Row = { action: string; outcome: string; repeat_count: number; details: { error?: string } }
const rowsFrom = (ip: string) =>
  database.db.execute<Row>(sql`SELECT action, outcome, repeat_count, details FROM audit_events WHERE ip = ${ip} ORDER BY id`)

/** One request batching `n` anonymous calls to admin-only queries. */
async function refusedBatch(ip: string, n: number): Promise<number> {
  const paths = ['users.list', 'audit.list', 'secrets.list', 'apiTokens.list']
  const chosen = Array.from({ length: n }, (_, i) => paths[i % paths.length]).join(',')
  const input = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: {} }]))
  const response = await fetch(
    `${server.base}/api/trpc/${chosen}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
    { headers: { 'x-forwarded-for': ip } },
  )
  return response.status
}

describe('refusals collapse in the audit log (finding 5)', () => {
  it('records 10 requests of 20 refused calls from one address as one row counting 200', async () => {
    for (let i = 0; i < 10; i++) expect(await refusedBatch('10.16.5.1', MAX_TRPC_BATCH)).toBe(401)
    const rows = await rowsFrom('10.16.5.1')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ outcome: 'denied', repeat_count: 200, details: { error: 'unauthenticated' } })
  })

  it('keeps callers apart: another address gets its own row', async () => {
    expect(await refusedBatch('10.16.5.2', 3)).toBe(401)
    expect((await rowsFrom('10.16.5.2')).map((r) => r.repeat_count)).toEqual([3])
    expect((await rowsFrom('10.16.5.1')).map((r) => r.repeat_count)).toEqual([200])
  })

  it('still refuses any other change to an audit row, collapsed or not', async () => {
    const change = (statement: ReturnType<typeof sql>) => database.db.execute(statement).then(() => 'changed', () => 'refused')
    expect(await change(sql`UPDATE audit_events SET details = '{}'::jsonb WHERE ip = '10.16.5.1'`)).toBe('refused')
    expect(
      await change(sql`UPDATE audit_events SET repeat_count = repeat_count + 1, action = 'x' WHERE ip = '10.16.5.1'`),
    ).toBe('refused')
    expect(await change(sql`DELETE FROM audit_events WHERE ip = '10.16.5.1'`)).toBe('refused')
    expect(
      await change(sql`UPDATE audit_events SET repeat_count = repeat_count + 1 WHERE collapse_key IS NULL AND id = (SELECT max(id) FROM audit_events WHERE collapse_key IS NULL)`),
    ).toBe('refused')
  })
})
