// The audit log: representative actions leave rows saying who, what, which target, when and
// from where; refusals are recorded too; rows cannot be changed or deleted.
import { desc, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { auditEvents } from '@/db/schema'
import { registerScriptedFleet } from '@/server/testing/runner-test-kit'
import { connectTestDatabase, createTestApi, uniqueName } from '@/server/testing/test-api'
import type { Actor } from './actor'
import { AUTH_ON, apiAs, errorOf, userActor } from '@/server/testing/auth-test-kit'
import { createUser } from './user-store'

const database = connectTestDatabase()
afterAll(() => database.close())

vi.setConfig({ testTimeout: 60_000 })

let admin: Actor
let api: ReturnType<typeof createTestApi>['api']

beforeAll(() => registerScriptedFleet(database))
beforeAll(async () => {
  // A real account: secrets record who created them.
  const email = `${uniqueName('admin').replace(/\W+/g, '-')}@example.test`
  const { context: system } = createTestApi(database)
  const user = await createUser(system, {
    email,
    name: 'Audit Admin',
    role: 'admin',
    password: 'admin password 12',
  })
  admin = userActor('admin', user.id, email)
  const created = createTestApi(database, undefined, { actor: admin, auth: AUTH_ON })
  created.context.request = { ip: '203.0.113.7', userAgent: 'test', secure: false, setCookie: () => {} }
  api = created.api
})

async function databaseError(query: Promise<unknown>): Promise<string> {
  const error = await query.then(
    () => undefined,
    (e: unknown) => e as Error & { cause?: Error },
  )
  return String(error?.cause?.message ?? error?.message)
}

async function latest(action: string) {
  const [row] = await database.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, action))
    .orderBy(desc(auditEvents.id))
    .limit(1)
  return row
}

const workflow = () => ({
  name: uniqueName('audited'),
  steps: [{ id: 'a', name: 'a', type: 'command', action: 'echo' }],
})

describe('audit log', () => {
  it('records workflow create, update and delete with actor, target and address', async () => {
    const created = await api.workflows.create({ definition: workflow() })
    expect(await latest('workflows.create')).toMatchObject({
      actorType: 'user',
      actorId: admin.kind === 'user' ? admin.userId : '',
      actorLabel: admin.kind === 'user' ? admin.email : '',
      outcome: 'success',
      targetId: created.workflowId,
      ip: '203.0.113.7',
    })
    await api.workflows.update({
      id: created.workflowId,
      definition: { ...workflow(), name: 'renamed ' + created.workflowId },
    })
    expect(await latest('workflows.update')).toMatchObject({
      targetId: created.workflowId,
      outcome: 'success',
    })
    await api.workflows.delete({ id: created.workflowId })
    expect(await latest('workflows.delete')).toMatchObject({ targetId: created.workflowId })
  })

  it('records run start and cancel', async () => {
    const created = await api.workflows.create({ definition: workflow() })
    const { executionId } = await api.runs.start({ workflowId: created.workflowId })
    expect(await latest('runs.start')).toMatchObject({ targetId: executionId, outcome: 'success' })
    await errorOf(api.runs.cancel({ id: executionId }).then(() => undefined))
    expect(await latest('runs.cancel')).toMatchObject({ targetId: executionId })
  })

  it('records secret changes by name, never the value', async () => {
    const name = `AUDIT_${Math.random().toString(36).slice(2, 8).toUpperCase()}`
    await api.secrets.create({ name, value: 'audited value 123' })
    const row = await latest('secrets.create')
    expect(row).toMatchObject({ outcome: 'success', details: { name } })
    expect(JSON.stringify(row)).not.toContain('audited value 123')
  })

  it('records user role changes, and never passwords', async () => {
    const email = `${uniqueName('u').replace(/\W+/g, '-')}@example.test`
    const user = await api.users.create({ email, name: 'U', role: 'viewer', password: 'initial password 1' })
    await api.users.update({ id: user.id, role: 'operator' })
    expect(await latest('users.update')).toMatchObject({ targetId: user.id, details: { role: 'operator' } })
    expect(JSON.stringify(await latest('users.create'))).not.toContain('initial password 1')
  })

  it('records refused calls as denied', async () => {
    const viewer = userActor('viewer')
    await errorOf(apiAs(database, viewer).workflows.create({ definition: workflow() }))
    expect(await latest('workflows.create')).toMatchObject({
      outcome: 'denied',
      actorId: viewer.kind === 'user' ? viewer.userId : '',
      details: { error: 'forbidden' },
    })
  })

  it('records device token creation', async () => {
    const created = await api.devices.createToken({
      name: uniqueName('dev'),
      tags: [],
      serverUrl: 'http://localhost:3000',
    })
    expect(await latest('devices.createToken')).toMatchObject({
      targetId: created.deviceId,
      outcome: 'success',
    })
  })

  it('lists with filters for admins', async () => {
    const page = await api.audit.list({ action: 'workflows.*', limit: 5 })
    expect(page.events.length).toBeGreaterThan(0)
    expect(page.events.every((e) => e.action.startsWith('workflows.'))).toBe(true)
    const denied = await api.audit.list({ outcome: 'denied', limit: 50 })
    expect(denied.events.every((e) => e.outcome === 'denied')).toBe(true)
  })

  it('is append-only: the database refuses updates and deletes', async () => {
    const update = await databaseError(database.db.execute(sql`UPDATE audit_events SET action = 'x'`))
    expect(update).toMatch(/append-only/)
    expect(await databaseError(database.db.execute(sql`DELETE FROM audit_events`))).toMatch(/append-only/)
  })
})
