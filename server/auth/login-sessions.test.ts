// Accounts over real HTTP: first-start setup, session cookies, logout, lockout with backoff per
// account and per address, and the Origin check that keeps other sites from riding the cookie.
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { loginThrottles } from '@/db/schema'
import { createTestClock } from '@/server/testing/runner-test-kit'
import { connectTestDatabase } from '@/server/testing/test-api'
import { cookieFrom, startHttpTestServer, trpcMutation, trpcQuery } from '@/server/testing/http-test-server'
import { ADDRESS_POLICY, addressKey, admitLoginAttempt } from './login-throttle'
import { createUser } from './user-store'

// Every sign-in runs scrypt at full strength (128 MiB, N=2^17): slow on a busy machine.
vi.setConfig({ testTimeout: 120_000 })

const database = connectTestDatabase()
const clock = createTestClock()
let server: Awaited<ReturnType<typeof startHttpTestServer>>
const admin = { email: 'first-admin@example.test', name: 'First Admin', password: 'correct horse battery' }
/** Each scenario comes from its own address, so per-address counts do not leak between them. */
const from = (ip: string, extra: Record<string, string> = {}) => ({ 'x-forwarded-for': ip, ...extra })

beforeAll(async () => {
  // Setup only works on an empty users table; other test files may have created accounts.
  await database.db.execute(sql`DELETE FROM users`)
  server = await startHttpTestServer(database, clock, { mode: 'on', trustProxy: true })
})
afterAll(async () => {
  await server.close()
  await database.close()
})

describe('first start', () => {
  it('reports that setup is needed, and refuses weak passwords', async () => {
    const status = await trpcQuery(server.base, 'auth.status', undefined)
    expect(status.data).toMatchObject({ mode: 'on', needsSetup: true, actor: null })
    const weak = await trpcMutation(server.base, 'auth.setup', { ...admin, password: 'short' })
    expect(weak.error?.data.code).toBe('BAD_REQUEST')
  })

  it('creates the first admin, signs them in with a hardened cookie, and only once', async () => {
    const created = await trpcMutation(server.base, 'auth.setup', admin)
    expect(created.data).toMatchObject({ user: { email: admin.email, role: 'admin' } })
    const cookie = created.headers.getSetCookie().find((c) => c.startsWith('relayflow_session='))
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).toMatch(/Path=\//)
    expect(cookie).not.toMatch(/Secure/) // plain http here; https requests get Secure
    const me = await trpcQuery(server.base, 'auth.status', undefined, { cookie: cookieFrom(created.headers) })
    expect(me.data).toMatchObject({
      needsSetup: false,
      actor: { kind: 'user', email: admin.email, role: 'admin' },
    })

    const again = await trpcMutation(server.base, 'auth.setup', { ...admin, email: 'second@example.test' })
    expect(again.error?.data.code).toBe('CONFLICT')
  })

  it('marks the cookie Secure when the request came over https', async () => {
    const login = await trpcMutation(
      server.base,
      'auth.login',
      admin,
      from('10.0.0.9', { 'x-forwarded-proto': 'https' }),
    )
    expect(login.headers.getSetCookie().join()).toMatch(/Secure/)
  })
})

describe('sessions', () => {
  it('ends a session on logout: the old cookie no longer signs anyone in', async () => {
    const login = await trpcMutation(server.base, 'auth.login', admin, from('10.0.1.1'))
    const cookie = cookieFrom(login.headers)
    expect((await trpcQuery(server.base, 'users.list', undefined, { cookie })).status).toBe(200)
    const out = await trpcMutation(server.base, 'auth.logout', undefined, { cookie })
    expect(out.headers.getSetCookie().join()).toMatch(/relayflow_session=;.*Max-Age=0/)
    expect((await trpcQuery(server.base, 'users.list', undefined, { cookie })).error?.data.code).toBe(
      'UNAUTHORIZED',
    )
  })

  it('ignores the cookie on a write from another site (Origin check)', async () => {
    const login = await trpcMutation(server.base, 'auth.login', admin, from('10.0.1.2'))
    const cookie = cookieFrom(login.headers)
    const input = { email: 'csrf@example.test', name: 'x', role: 'admin', password: 'another long password' }
    const forged = await trpcMutation(server.base, 'users.create', input, {
      cookie,
      origin: 'https://evil.example',
    })
    expect(forged.error?.data.code).toBe('UNAUTHORIZED')
    const sameSite = await trpcMutation(server.base, 'users.create', input, { cookie, origin: server.base })
    expect(sameSite.data).toMatchObject({ email: 'csrf@example.test' })
  })

  it('signs a disabled user out at once', async () => {
    const user = await createUser(server.context, {
      email: 'disabled@example.test',
      name: 'D',
      role: 'viewer',
      password: 'viewer password 1',
    })
    const login = await trpcMutation(
      server.base,
      'auth.login',
      { email: user.email, password: 'viewer password 1' },
      from('10.0.1.3'),
    )
    const cookie = cookieFrom(login.headers)
    const adminLogin = await trpcMutation(server.base, 'auth.login', admin, from('10.0.1.3'))
    await trpcMutation(
      server.base,
      'users.update',
      { id: user.id, disabled: true },
      { cookie: cookieFrom(adminLogin.headers) },
    )
    expect((await trpcQuery(server.base, 'workflows.list', {}, { cookie })).error?.data.code).toBe(
      'UNAUTHORIZED',
    )
    const again = await trpcMutation(
      server.base,
      'auth.login',
      { email: user.email, password: 'viewer password 1' },
      from('10.0.1.3'),
    )
    expect(again.error?.data.code).toBe('UNAUTHORIZED')
  })
})

describe('login throttling', () => {
  const lockedUntil = async (key: string) =>
    (await database.db.select().from(loginThrottles).where(eq(loginThrottles.key, key)))[0]?.lockedUntil

  it('locks an account after 5 failures, even for the right password, then backs off doubling', async () => {
    const wrong = { email: admin.email, password: 'wrong password!' }
    let fifthAt = 0
    for (let i = 0; i < 5; i++) {
      fifthAt = clock.now().getTime()
      const attempt = await trpcMutation(server.base, 'auth.login', wrong, from(`10.1.0.${i}`))
      expect(attempt.error?.data.code).toBe('UNAUTHORIZED')
      expect(attempt.error?.message).toBe('The email or password is wrong.')
    }
    const locked = await trpcMutation(server.base, 'auth.login', admin, from('10.1.1.1'))
    expect(locked.error?.data.code).toBe('TOO_MANY_REQUESTS')
    expect(locked.error?.message).toMatch(/try again in \d+ seconds/)
    // The first lock lasts 30 s from the failure that set it (the test clock, not how fast this ran).
    const firstLock = (await lockedUntil(`account:${admin.email}`))?.getTime() ?? 0
    expect(firstLock - fifthAt).toBeGreaterThanOrEqual(30_000)
    expect(firstLock).toBeLessThanOrEqual(clock.now().getTime() + 30_000)

    clock.advance(31_000)
    const sixth = await trpcMutation(server.base, 'auth.login', wrong, from('10.1.1.2'))
    expect(sixth.error?.data.code).toBe('UNAUTHORIZED')
    const until = await lockedUntil(`account:${admin.email}`)
    expect((until?.getTime() ?? 0) - clock.now().getTime()).toBeGreaterThan(55_000) // 60 s: doubled

    clock.advance(61_000)
    const ok = await trpcMutation(server.base, 'auth.login', admin, from('10.1.1.3'))
    expect(ok.data).toMatchObject({ user: { email: admin.email } })
    expect(await lockedUntil(`account:${admin.email}`)).toBeUndefined() // success clears the account's count
  })

  it('locks an address that fails too often, whichever accounts it tries', async () => {
    for (let i = 0; i < ADDRESS_POLICY.threshold; i++)
      await admitLoginAttempt(database.db, [{ key: addressKey('10.2.0.1'), policy: ADDRESS_POLICY }], clock.now())
    const attempt = await trpcMutation(server.base, 'auth.login', admin, from('10.2.0.1'))
    expect(attempt.error?.data.code).toBe('TOO_MANY_REQUESTS')
    const elsewhere = await trpcMutation(server.base, 'auth.login', admin, from('10.2.0.2'))
    expect(elsewhere.data).toMatchObject({ user: { email: admin.email } })
  })

  it('answers an unknown account exactly like a wrong password', async () => {
    const attempt = await trpcMutation(
      server.base,
      'auth.login',
      { email: 'nobody@example.test', password: 'whatever it is' },
      from('10.3.0.1'),
    )
    expect(attempt.error?.data.code).toBe('UNAUTHORIZED')
    expect(attempt.error?.message).toBe('The email or password is wrong.')
  })
})
