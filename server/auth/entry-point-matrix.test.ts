// Every entry point besides the tRPC procedures (permission-matrix.test.ts walks those): each HTTP
// route and both socket.io namespaces, called unauthenticated and with a session of each role,
// against the access table in docs/security.md. Real HTTP, real sockets, real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDeviceToken } from '@/server/devices/fleet/device-admin'
import { connectTestDatabase, createTestApi, uniqueName } from '@/server/testing/test-api'
import { createApiToken } from './api-token-store'
import { ROLES, type Role } from './roles'
import { createSession } from './session-store'
import { createUser } from './user-store'
import { PAGE_BODY, startEntryTestServer } from '@/server/testing/entry-test-server'

const database = connectTestDatabase()
const { api } = createTestApi(database)
let server: Awaited<ReturnType<typeof startEntryTestServer>>
const cookies = new Map<Role | 'anonymous', string>([['anonymous', '']])
let hookPath = ''
let deviceToken = ''
let viewerApiToken = ''

beforeAll(async () => {
  server = await startEntryTestServer(database)
  const deps = { db: database.db, clock: { now: () => new Date() } }
  for (const role of ROLES) {
    const email = `${uniqueName(`entry-${role}`).replace(/\W+/g, '-')}@example.test`
    const user = await createUser(deps, { email, name: role, role, password: `${role} password 123` })
    cookies.set(role, `relayflow_session=${(await createSession(deps, user.id, {})).token}`)
    if (role === 'viewer')
      viewerApiToken = (
        await createApiToken(deps, {
          userId: user.id,
          creatorRole: role,
          name: 'entry',
          role,
          expiresInDays: 1,
        })
      ).token
  }
  const { workflowId } = await api.workflows.create({
    definition: {
      schemaVersion: 1,
      name: uniqueName('Entry hook'),
      steps: [{ id: 'w', name: 'w', type: 'wait', wait: { kind: 'duration', duration: '10ms' } }],
    },
  })
  hookPath = (await api.triggers.webhooks.enable({ workflowId, signed: false })).path
  deviceToken = (await createDeviceToken(database.db, { name: uniqueName('entry-device'), tags: [] })).token
})
afterAll(async () => {
  await server.close()
  await database.close()
})

const CALLERS = ['anonymous', ...ROLES] as const
type Caller = (typeof CALLERS)[number]

async function request(caller: Caller, method: string, path: string, body?: unknown) {
  const response = await fetch(server.base + path, {
    method,
    redirect: 'manual',
    headers: { cookie: cookies.get(caller) ?? '', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, location: response.headers.get('location'), text: await response.text() }
}

describe('HTTP routes, unauthenticated and as each role', () => {
  it.each(CALLERS)('open routes answer %s', async (caller) => {
    expect((await request(caller, 'GET', '/healthz')).status).toBe(200)
    expect((await request(caller, 'GET', '/api/schema/workflow-v1.json')).status).toBe(200)
    expect((await request(caller, 'GET', '/metrics')).status).toBe(200) // no metrics token configured
    expect((await request(caller, 'GET', '/login')).text).toBe(PAGE_BODY)
    // Accounts exist here, so setup is done: the page sends everyone on.
    expect(await request(caller, 'GET', '/setup')).toMatchObject({
      status: 303,
      location: caller === 'anonymous' ? '/login' : '/',
    })
  })

  it.each(CALLERS)('pages need a session (%s)', async (caller) => {
    const page = await request(caller, 'GET', '/workflows?x=1')
    const write = await request(caller, 'POST', '/workflows')
    if (caller === 'anonymous') {
      expect(page).toMatchObject({ status: 303, location: '/login?next=%2Fworkflows%3Fx%3D1' })
      expect(write.status).toBe(401)
    } else {
      expect(page).toMatchObject({ status: 200, text: PAGE_BODY })
      expect(write.status).toBe(200)
    }
  })

  it.each(CALLERS)('/api/trpc takes the session of %s, refusing without one', async (caller) => {
    const read = await request(caller, 'GET', '/api/trpc/workflows.list')
    const admin = await request(caller, 'GET', '/api/trpc/users.list')
    expect(read.status).toBe(caller === 'anonymous' ? 401 : 200)
    expect(admin.status).toBe(caller === 'anonymous' ? 401 : caller === 'admin' ? 200 : 403)
  })

  it.each(CALLERS)('webhook triggers use their own secret URL, whatever the session (%s)', async (caller) => {
    const accepted = await request(caller, 'POST', hookPath, { from: caller })
    expect(accepted.status, accepted.text).toBeLessThan(300)
    const unknown = await request(caller, 'POST', '/api/hooks/rfh_not-a-real-token-at-all', {})
    expect(unknown.status).toBe(404)
  })
})

describe('socket.io namespaces, unauthenticated and as each role', () => {
  it('/live admits an API token in the handshake', async () => {
    const { socket, refusal } = await server.socket('/live', { token: viewerApiToken })
    socket.close()
    expect(refusal).toBeUndefined()
  })

  it.each(CALLERS)('/live admits browsers with a session (%s)', async (caller) => {
    const { socket, refusal } = await server.socket('/live', { cookie: cookies.get(caller) })
    socket.close()
    if (caller === 'anonymous') expect(refusal).toBeDefined()
    else expect(refusal).toBeUndefined()
  })

  it.each(CALLERS)('/devices admits device tokens only, never a browser session (%s)', async (caller) => {
    const { socket, refusal } = await server.socket('/devices', { cookie: cookies.get(caller) })
    socket.close()
    expect(refusal).toMatch(/token/)
  })

  it('/devices admits a device with its token, and refuses a user API token', async () => {
    const device = await server.socket('/devices', { token: deviceToken })
    device.socket.close()
    expect(device.refusal).toBeUndefined()
    const user = await server.socket('/devices', { token: viewerApiToken })
    user.socket.close()
    expect(user.refusal).toMatch(/token/)
  })
})
