// Issue 16, finding 6 replayed over real sockets: a /live connection opened before its credential
// is revoked is closed at once, on another server process's socket.io too (two entry servers with
// their own connection pools; the revocation travels through Postgres NOTIFY). Credentials that
// still hold (a token after a password reset) keep their sockets.
import type { Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { connectDatabase } from '@/db/client'
import { connectTestDatabase } from '@/server/testing/test-api'
import { createApiToken } from './api-token-store'
import { sessionCookieFor } from '@/server/testing/auth-test-kit'
import { startEntryTestServer } from '@/server/testing/entry-test-server'
import { trpcMutation } from '@/server/testing/http-test-server'

const database = connectTestDatabase()
const other = connectDatabase(inject('databaseUrl'), { max: 4 })
/** Where the revocation is made (HTTP) and where the socket lives: two servers, one database. */
let revoker: Awaited<ReturnType<typeof startEntryTestServer>>
let holder: Awaited<ReturnType<typeof startEntryTestServer>>
let admin = ''

beforeAll(async () => {
  revoker = await startEntryTestServer(database)
  holder = await startEntryTestServer(other)
  admin = (await sessionCookieFor(database, 'admin')).cookie
})
afterAll(async () => {
  await holder.close()
  await revoker.close()
  await other.close()
  await database.close()
})

async function person() {
  const signedIn = await sessionCookieFor(database, 'viewer')
  const token = await createApiToken(
    { db: database.db, clock: { now: () => new Date() } },
    { userId: signedIn.userId, creatorRole: 'viewer', name: 'live', role: 'viewer', expiresInDays: 1 },
  )
  return { ...signedIn, apiToken: token.token, tokenId: token.id }
}

async function open(options: { cookie?: string; token?: string }): Promise<Socket> {
  const { socket, refusal } = await holder.socket('/live', options)
  expect(refusal).toBeUndefined()
  return socket
}

/** Resolves once the server closed the socket (the test's timeout is the bound). */
function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (!socket.connected) return resolve()
    socket.once('disconnect', () => resolve())
  })
}

/** True when the socket can still subscribe to a room. */
function canSubscribe(socket: Socket): Promise<boolean> {
  if (!socket.connected) return Promise.resolve(false)
  return socket
    .timeout(10_000)
    .emitWithAck('subscribe', { room: 'fleet' })
    .then((ack: { ok: boolean }) => ack.ok, () => false)
}

const as = (cookie: string) => ({ cookie })

describe('/live sockets follow revocation across servers (finding 6)', () => {
  it('closes a token socket when the token is revoked', async () => {
    const p = await person()
    const socket = await open({ token: p.apiToken })
    expect(await canSubscribe(socket)).toBe(true)
    expect((await trpcMutation(revoker.base, 'apiTokens.revoke', { id: p.tokenId }, as(p.cookie))).error).toBeUndefined()
    await closed(socket)
    expect(await canSubscribe(socket)).toBe(false)
    expect((await holder.socket('/live', { token: p.apiToken })).refusal).toMatch(/unauthorized/)
  })

  it('closes a cookie socket on logout', async () => {
    const p = await person()
    const socket = await open({ cookie: p.cookie })
    expect((await trpcMutation(revoker.base, 'auth.logout', undefined, as(p.cookie))).status).toBe(200)
    await closed(socket)
    expect(await canSubscribe(socket)).toBe(false)
  })

  it('closes the sessions on a password reset, and keeps the still-valid token socket', async () => {
    const p = await person()
    const cookieSocket = await open({ cookie: p.cookie })
    const tokenSocket = await open({ token: p.apiToken })
    const reset = await trpcMutation(revoker.base, 'users.resetPassword', { id: p.userId, password: 'a brand new password' }, as(admin))
    expect(reset.error).toBeUndefined()
    await closed(cookieSocket)
    expect(await canSubscribe(tokenSocket)).toBe(true)
    tokenSocket.disconnect()
  })

  it.each([
    ['disabled', (id: string) => trpcMutation(revoker.base, 'users.update', { id, disabled: true }, as(admin))],
    ['deleted', (id: string) => trpcMutation(revoker.base, 'users.delete', { id }, as(admin))],
  ] as const)('closes every socket of a user who is %s', async (_what, change) => {
    const p = await person()
    const sockets = [await open({ cookie: p.cookie }), await open({ token: p.apiToken })]
    expect((await change(p.userId)).error).toBeUndefined()
    await Promise.all(sockets.map(closed))
    for (const socket of sockets) expect(await canSubscribe(socket)).toBe(false)
  })
})
