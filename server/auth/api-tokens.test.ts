// API tokens over real HTTP: scoped to a role no higher than their creator's, stored hashed,
// shown once, refused once expired or revoked, clamped to their owner's current role.
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { apiTokens } from '@/db/schema'
import { createTestClock } from '@/server/testing/runner-test-kit'
import { connectTestDatabase, createTestApi, uniqueName } from '@/server/testing/test-api'
import { expectRefused, userActor } from '@/server/testing/auth-test-kit'
import { startHttpTestServer, trpcMutation, trpcQuery } from '@/server/testing/http-test-server'
import { createUser, updateUser } from './user-store'

vi.setConfig({ testTimeout: 60_000 })

const database = connectTestDatabase()
const clock = createTestClock()
let server: Awaited<ReturnType<typeof startHttpTestServer>>
let editor: ReturnType<typeof userActor>

beforeAll(async () => {
  server = await startHttpTestServer(database, clock, { mode: 'on', trustProxy: false })
  const email = `${uniqueName('editor').replace(/\W+/g, '-')}@example.test`
  const user = await createUser(server.context, {
    email,
    name: 'Ed',
    role: 'editor',
    password: 'editor password 1',
  })
  editor = userActor('editor', user.id, email)
})
afterAll(async () => {
  await server.close()
  await database.close()
})

const asEditor = () =>
  createTestApi(database, clock, { actor: editor, auth: { mode: 'on', trustProxy: false } }).api
const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
const newWorkflow = () => ({
  definition: {
    name: uniqueName('token wf'),
    steps: [{ id: 'a', name: 'a', type: 'command', action: 'echo' }],
  },
})

describe('API tokens', () => {
  it('never exceed their creator’s role', async () => {
    await expectRefused(asEditor().apiTokens.create({ name: 'too strong', role: 'admin' }), 'FORBIDDEN')
  })

  it('are shown once and stored only as a hash', async () => {
    const created = await asEditor().apiTokens.create({ name: 'ci', role: 'viewer', expiresInDays: 1 })
    expect(created.token).toMatch(/^rft_/)
    const [row] = await database.db.select().from(apiTokens).where(eq(apiTokens.id, created.id))
    expect(JSON.stringify(row)).not.toContain(created.token)
    const listed = await asEditor().apiTokens.list()
    expect(JSON.stringify(listed)).not.toContain(created.token)
    expect(listed.find((t) => t.id === created.id)?.tokenHint).toBe(created.token.slice(-4))
  })

  it('act with their scope over HTTP: a viewer token reads but cannot write', async () => {
    const { token } = await asEditor().apiTokens.create({ name: 'reader', role: 'viewer', expiresInDays: 1 })
    expect((await trpcQuery(server.base, 'workflows.list', {}, bearer(token))).status).toBe(200)
    const write = await trpcMutation(server.base, 'workflows.create', newWorkflow(), bearer(token))
    expect(write.error?.data.code).toBe('FORBIDDEN')
    const editorToken = (
      await asEditor().apiTokens.create({ name: 'writer', role: 'editor', expiresInDays: 1 })
    ).token
    const ok = await trpcMutation(server.base, 'workflows.create', newWorkflow(), bearer(editorToken))
    expect(ok.status).toBe(200)
  })

  it('cannot mint more tokens', async () => {
    const { token } = await asEditor().apiTokens.create({ name: 'script', role: 'editor', expiresInDays: 1 })
    const minted = await trpcMutation(
      server.base,
      'apiTokens.create',
      { name: 'x', role: 'viewer' },
      bearer(token),
    )
    expect(minted.error?.data.code).toBe('FORBIDDEN')
  })

  it('stop working when they expire', async () => {
    const { token } = await asEditor().apiTokens.create({ name: 'short', role: 'viewer', expiresInDays: 1 })
    clock.advance(24 * 60 * 60 * 1000 + 1000)
    const late = await trpcQuery(server.base, 'workflows.list', {}, bearer(token))
    expect(late.error?.data.code).toBe('UNAUTHORIZED')
  })

  it('stop working when revoked', async () => {
    const created = await asEditor().apiTokens.create({ name: 'revoke me', role: 'viewer', expiresInDays: 7 })
    expect((await trpcQuery(server.base, 'workflows.list', {}, bearer(created.token))).status).toBe(200)
    await asEditor().apiTokens.revoke({ id: created.id })
    const after = await trpcQuery(server.base, 'workflows.list', {}, bearer(created.token))
    expect(after.error?.data.code).toBe('UNAUTHORIZED')
  })

  it('cannot be revoked by another non-admin user', async () => {
    const created = await asEditor().apiTokens.create({ name: 'mine', role: 'viewer', expiresInDays: 7 })
    const other = createTestApi(database, clock, {
      actor: userActor('editor'),
      auth: { mode: 'on', trustProxy: false },
    }).api
    await expectRefused(other.apiTokens.revoke({ id: created.id }), 'NOT_FOUND')
  })

  it('act with no more than their owner’s current role', async () => {
    const { token } = await asEditor().apiTokens.create({ name: 'demoted', role: 'editor', expiresInDays: 7 })
    await updateUser(server.context, editor.kind === 'user' ? editor.userId : '', { role: 'viewer' })
    const write = await trpcMutation(server.base, 'workflows.create', newWorkflow(), bearer(token))
    expect(write.error?.data.code).toBe('FORBIDDEN')
  })
})
