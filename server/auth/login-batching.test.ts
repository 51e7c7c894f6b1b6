// Issue 16, finding 1 replayed over real HTTP: sign-in throttling holds against batching and
// concurrency, on two servers (two connection pools) sharing one database, and every caller's
// batch size is capped. Each refusal is checked for what it left behind: nothing.
import { sql } from 'drizzle-orm'
import superjson from 'superjson'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { connectDatabase } from '@/db/client'
import { connectTestDatabase } from '@/server/testing/test-api'
import { inject } from 'vitest'
import { cookieFrom, startHttpTestServer, trpcMutation } from '@/server/testing/http-test-server'
import { ACCOUNT_POLICY } from './login-throttle'
import { MAX_TRPC_BATCH } from './trpc-batch-policy'
import { createUser } from './user-store'

// Every judged sign-in runs scrypt at full strength (128 MiB): slow on a busy machine.
vi.setConfig({ testTimeout: 180_000 })

const database = connectTestDatabase()
const second = connectDatabase(inject('databaseUrl'), { max: 4 })
const clock = { now: () => new Date() }
const AUTH = { mode: 'on', trustProxy: true } as const
let one: Awaited<ReturnType<typeof startHttpTestServer>>
let two: Awaited<ReturnType<typeof startHttpTestServer>>

beforeAll(async () => {
  one = await startHttpTestServer(database, clock, AUTH)
  two = await startHttpTestServer(second, clock, AUTH)
})
afterAll(async () => {
  await one.close()
  await two.close()
  await second.close()
  await database.close()
})

async function newAccount(role: 'admin' | 'viewer' = 'viewer') {
  const email = `throttle-${Math.random().toString(36).slice(2, 10)}@example.test`
  const password = 'the right password 1'
  const user = await createUser(one.context, { email, name: 'T', role, password })
  return { ...user, email, password }
}

/** What a refused sign-in could have written: throttle counts, audit rows, sessions. */
async function traces(email: string): Promise<{ throttles: number; audit: number; sessions: number }> {
  const [row] = await database.db.execute<{ throttles: number; audit: number; sessions: number }>(sql`SELECT
      (SELECT count(*)::int FROM login_throttles WHERE key = ${`account:${email}`}) AS throttles,
      (SELECT count(*)::int FROM audit_events WHERE actor_label = ${email}) AS audit,
      (SELECT count(*)::int FROM auth_sessions s JOIN users u ON u.id = s.user_id WHERE u.email = ${email}) AS sessions`)
  return row ?? { throttles: -1, audit: -1, sessions: -1 }
}

/** One HTTP request carrying `inputs.length` calls of `path` (tRPC's batch format). */
async function batch(base: string, method: 'GET' | 'POST', path: string, inputs: unknown[], headers: Record<string, string> = {}) {
  const paths = inputs.map(() => path).join(',')
  const body = Object.fromEntries(inputs.map((input, i) => [i, superjson.serialize(input)]))
  const url = `${base}/api/trpc/${paths}?batch=1`
  const response =
    method === 'POST'
      ? await fetch(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
      : await fetch(`${url}&input=${encodeURIComponent(JSON.stringify(body))}`, { headers })
  return { status: response.status, cookies: response.headers.getSetCookie(), body: (await response.json()) as unknown }
}

describe('sign-in throttling holds against batching (finding 1)', () => {
  it('refuses one request batching 40 auth.login calls (39 wrong, then right) and writes nothing', async () => {
    const account = await newAccount()
    const before = await traces(account.email)
    const attempts = [
      ...Array.from({ length: 39 }, (_, i) => ({ email: account.email, password: `wrong guess ${i}` })),
      { email: account.email, password: account.password },
    ]
    const reply = await batch(one.base, 'POST', 'auth.login', attempts, { 'x-forwarded-for': '10.16.1.1' })
    expect(reply.status).toBe(400)
    expect(reply.cookies.join()).not.toContain('relayflow_session=')
    expect(JSON.stringify(reply.body)).toContain(`at most ${MAX_TRPC_BATCH} calls`)
    expect(await traces(account.email)).toEqual(before)
  })

  it('refuses even a small batch of sign-ins: one request judges one password', async () => {
    const account = await newAccount()
    const before = await traces(account.email)
    const attempts = [
      { email: account.email, password: 'wrong guess' },
      { email: account.email, password: account.password },
    ]
    const reply = await batch(one.base, 'POST', 'auth.login', attempts, { 'x-forwarded-for': '10.16.1.2' })
    expect(reply.status).toBe(400)
    expect(JSON.stringify(reply.body)).toContain('cannot be batched')
    expect(reply.cookies.join()).not.toContain('relayflow_session=')
    expect(await traces(account.email)).toEqual(before)
  })

  it('judges at most the allowed number of 15 concurrent sign-ins spread over two servers', async () => {
    const account = await newAccount()
    const attempts = Array.from({ length: 15 }, (_, i) => ({
      email: account.email,
      password: i === 14 ? account.password : `wrong guess ${i}`,
    }))
    // Distinct addresses: only the account's count can stop them.
    const replies = await Promise.all(
      attempts.map((input, i) =>
        trpcMutation(i % 2 === 0 ? one.base : two.base, 'auth.login', input, { 'x-forwarded-for': `10.16.2.${i}` }),
      ),
    )
    const codes = replies.map((r) => r.error?.data.code ?? 'OK')
    const judged = codes.filter((c) => c === 'UNAUTHORIZED' || c === 'OK').length
    expect(judged, codes.join()).toBeLessThanOrEqual(ACCOUNT_POLICY.threshold)
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS').length, codes.join()).toBe(15 - judged)
    // Whatever was not judged left no session behind.
    const sessions = (await traces(account.email)).sessions
    expect(sessions).toBe(codes.filter((c) => c === 'OK').length)
    // The lock now holds for the right password too.
    const after = await trpcMutation(two.base, 'auth.login', { email: account.email, password: account.password }, {
      'x-forwarded-for': '10.16.2.99',
    })
    expect(after.error?.data.code).toBe('TOO_MANY_REQUESTS')
  })
})

describe('batch size is capped for every caller (findings 1 and 5)', () => {
  it(`refuses a signed-in admin's batch of ${MAX_TRPC_BATCH + 1} queries and serves ${MAX_TRPC_BATCH}`, async () => {
    const admin = await newAccount('admin')
    const login = await trpcMutation(one.base, 'auth.login', { email: admin.email, password: admin.password }, {
      'x-forwarded-for': '10.16.3.1',
    })
    const cookie = cookieFrom(login.headers)
    const inputs = (n: number) => Array.from({ length: n }, () => ({}))
    expect((await batch(one.base, 'GET', 'workflows.list', inputs(MAX_TRPC_BATCH + 1), { cookie })).status).toBe(400)
    expect((await batch(one.base, 'GET', 'workflows.list', inputs(MAX_TRPC_BATCH), { cookie })).status).toBe(200)
  })

  it('refuses an anonymous batch of 300 refused calls without writing 300 audit rows', async () => {
    const count = async () =>
      (await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events`))[0]?.n ?? 0
    const before = await count()
    const inputs = Array.from({ length: 300 }, () => ({ email: 'x@example.test', name: 'x', role: 'admin', password: 'y'.repeat(12) }))
    const reply = await batch(one.base, 'POST', 'users.create', inputs, { 'x-forwarded-for': '10.16.3.2' })
    expect(reply.status).toBe(400)
    expect(await count()).toBe(before)
  })
})
