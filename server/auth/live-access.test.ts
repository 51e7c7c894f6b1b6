// /live with auth on, over real socket.io connections: no credentials, a foreign Origin or a
// revoked token are turned away; a session cookie or an API token gets in.
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'
import { io as connect } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createLogger } from '@/server/platform/logger'
import { LIVE_NAMESPACE } from '@/contracts/live-contract'
import { connectTestDatabase, uniqueName } from '@/server/testing/test-api'
import { createApiToken, revokeApiToken } from './api-token-store'
import { liveAccessMiddleware } from './live-access'
import { createSession } from './session-store'
import { createUser } from './user-store'

vi.setConfig({ testTimeout: 60_000 })

const database = connectTestDatabase()
const deps = { db: database.db, clock: { now: () => new Date() }, logger: createLogger('silent') }
let http: HttpServer
let io: Server
let url = ''
let cookie = ''
let userId = ''

beforeAll(async () => {
  http = createServer()
  io = new Server(http, { path: '/socket.io' })
  io.of(LIVE_NAMESPACE).use(liveAccessMiddleware({ ...deps, auth: { mode: 'on', trustProxy: false } }))
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  const email = `${uniqueName('live').replace(/\W+/g, '-')}@example.test`
  userId = (await createUser(deps, { email, name: 'Live', role: 'viewer', password: 'viewer password 1' })).id
  cookie = `relayflow_session=${(await createSession(deps, userId, {})).token}`
})
afterAll(async () => {
  await io.close()
  await database.close()
})

/** Resolves 'connected' or the server's refusal message. */
function tryConnect(options: { headers?: Record<string, string>; token?: string }): Promise<string> {
  const socket = connect(url + LIVE_NAMESPACE, {
    path: '/socket.io',
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: options.headers,
    auth: options.token ? { token: options.token } : {},
  })
  return new Promise((resolve) => {
    socket.on('connect', () => {
      socket.disconnect()
      resolve('connected')
    })
    socket.on('connect_error', (error) => {
      socket.disconnect()
      resolve(error.message)
    })
  })
}

describe('/live with auth on', () => {
  it('turns away a client without credentials', async () => {
    expect(await tryConnect({})).toMatch(/unauthorized/)
  })

  it('lets in a browser with a session cookie from this site', async () => {
    expect(await tryConnect({ headers: { cookie } })).toBe('connected')
  })

  it('ignores the cookie when the page is on another site', async () => {
    expect(await tryConnect({ headers: { cookie, origin: 'https://evil.example' } })).toMatch(/unauthorized/)
  })

  it('accepts a live API token and refuses a revoked one', async () => {
    const created = await createApiToken(deps, {
      userId,
      creatorRole: 'viewer',
      name: 'live',
      role: 'viewer',
      expiresInDays: 1,
    })
    expect(await tryConnect({ token: created.token })).toBe('connected')
    await revokeApiToken(deps, created.id, userId)
    expect(await tryConnect({ token: created.token })).toMatch(/unauthorized/)
  })
})
