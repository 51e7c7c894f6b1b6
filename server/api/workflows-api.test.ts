// The workflows API against a real PostgreSQL: saves are validated, versioned and
// atomic; refused calls leave the database unchanged.
import { TRPCError } from '@trpc/server'
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { connectTestDatabase, createTestApi, uniqueName } from '@/server/testing/test-api'

const database = connectTestDatabase()
const { api } = createTestApi(database)
afterAll(() => database.close())

function doc(name: string, extraSteps: unknown[] = []) {
  return {
    schemaVersion: 1,
    name,
    description: 'integration test workflow',
    steps: [
      { id: 'build', name: 'Build', type: 'command', action: 'echo', params: { message: 'hi' } },
      { id: 'check', name: 'Check', type: 'condition', expression: 'steps.build.output.ok == true', dependencies: ['build'] },
      ...extraSteps,
    ],
  }
}

async function countRows(): Promise<{ workflows: number; versions: number }> {
  const [row] = await database.db.execute<{ workflows: number; versions: number }>(
    sql`SELECT (SELECT count(*)::int FROM workflows) AS workflows, (SELECT count(*)::int FROM workflow_versions) AS versions`,
  )
  return row!
}

async function expectRefused(promise: Promise<unknown>, code: TRPCError['code']) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(TRPCError)
  expect((error as TRPCError).code).toBe(code)
  return error as TRPCError & { cause?: { issues?: { path: (string | number)[]; stepId?: string; code: string }[] } }
}

describe('workflows API', () => {
  it('creating a workflow stores version 1 and lists it with its step count', async () => {
    const name = uniqueName('Create')
    const saved = await api.workflows.create({ definition: doc(name), message: 'first' })
    expect(saved.version).toBe(1)
    const got = await api.workflows.get({ id: saved.workflowId })
    expect(got.definition.name).toBe(name)
    expect(got.definition.id).toBe(saved.workflowId)
    expect(got.definition.version).toBe(1)
    expect(got.message).toBe('first')
    const list = await api.workflows.list({ search: name })
    expect(list.items.map((w) => [w.name, w.stepCount])).toEqual([[name, 2]])
  })

  it('an invalid workflow is refused with every issue and nothing is written', async () => {
    const before = await countRows()
    const bad = {
      schemaVersion: 1,
      name: uniqueName('Bad'),
      steps: [
        { id: 'a', name: 'A', type: 'command', action: 'echo', dependencies: ['ghost'] },
        { id: 'a', name: 'A again', type: 'command', action: 'echo' },
        { id: 'b', name: 'B', type: 'teleport' },
      ],
    }
    const error = await expectRefused(api.workflows.create({ definition: bad }), 'BAD_REQUEST')
    const issues = error.cause?.issues ?? []
    const codes = issues.map((i) => i.code)
    expect(codes).toContain('unknown_step_type')
    expect(issues.some((i) => i.path[0] === 'steps' && i.path[1] === 2)).toBe(true)
    expect(await countRows()).toEqual(before)
  })

  it('a second workflow with the same name (any case) is refused as a conflict on `name`', async () => {
    const name = uniqueName('Same')
    await api.workflows.create({ definition: doc(name) })
    const before = await countRows()
    const error = await expectRefused(api.workflows.create({ definition: doc(name.toUpperCase()) }), 'CONFLICT')
    expect(error.message).toContain('already exists')
    expect(error.cause?.issues?.[0]?.path).toEqual(['name'])
    expect(await countRows()).toEqual(before)
  })

  it('updating creates a new immutable version; old versions keep their content', async () => {
    const saved = await api.workflows.create({ definition: doc(uniqueName('Versioned')) })
    const v1 = await api.workflows.get({ id: saved.workflowId })
    const next = doc(v1.definition.name, [
      { id: 'notify', name: 'Notify', type: 'webhook', dependencies: [{ step: 'check', on: 'true' }], request: { method: 'POST', url: 'https://example.com/hook' } },
    ])
    const v2 = await api.workflows.update({ id: saved.workflowId, definition: next, message: 'add notify', expectedVersion: 1 })
    expect(v2.version).toBe(2)
    const old = await api.versions.get({ workflowId: saved.workflowId, version: 1 })
    expect(old.definition.steps).toHaveLength(2)
    const versions = await api.versions.list({ workflowId: saved.workflowId })
    expect(versions.map((v) => [v.version, v.stepCount, v.message])).toEqual([
      [2, 3, 'add notify'],
      [1, 2, 'Created'],
    ])
  })

  it('saving over a newer version than the one edited is refused', async () => {
    const saved = await api.workflows.create({ definition: doc(uniqueName('Stale')) })
    const definition = (await api.workflows.get({ id: saved.workflowId })).definition
    await api.workflows.update({ id: saved.workflowId, definition, expectedVersion: 1 })
    const error = await expectRefused(
      api.workflows.update({ id: saved.workflowId, definition, expectedVersion: 1 }),
      'CONFLICT',
    )
    expect(error.message).toContain('version 2')
  })

  it('restoring an old version saves it as a new latest version', async () => {
    const name = uniqueName('Restore')
    const saved = await api.workflows.create({ definition: doc(name) })
    await api.workflows.update({ id: saved.workflowId, definition: { ...doc(name), description: 'changed' } })
    const restored = await api.versions.restore({ workflowId: saved.workflowId, version: 1 })
    expect(restored.version).toBe(3)
    const latest = await api.workflows.get({ id: saved.workflowId })
    expect(latest.version).toBe(3)
    expect(latest.definition.description).toBe('integration test workflow')
    expect(latest.message).toBe('Restored version 1')
  })

  it('archived workflows leave the default list; deleted ones are gone', async () => {
    const name = uniqueName('Archive')
    const saved = await api.workflows.create({ definition: doc(name) })
    await api.workflows.archive({ id: saved.workflowId, archived: true })
    expect((await api.workflows.list({ search: name })).items).toHaveLength(0)
    expect((await api.workflows.list({ search: name, includeArchived: true })).items[0]?.archived).toBe(true)
    await api.workflows.delete({ id: saved.workflowId })
    await expectRefused(api.workflows.get({ id: saved.workflowId }), 'NOT_FOUND')
    await expectRefused(api.workflows.delete({ id: saved.workflowId }), 'NOT_FOUND')
  })

  it('duplicating names the copy and keeps the steps', async () => {
    const name = uniqueName('Dup')
    const saved = await api.workflows.create({ definition: doc(name) })
    const copy = await api.workflows.duplicate({ id: saved.workflowId })
    expect(copy.definition.name).toBe(`${name} (copy)`)
    expect(copy.definition.steps.map((s) => s.id)).toEqual(['build', 'check'])
    const second = await api.workflows.duplicate({ id: saved.workflowId })
    expect(second.definition.name).toBe(`${name} (copy 2)`)
  })

  it('validate reports problems without saving anything', async () => {
    const before = await countRows()
    const result = await api.workflows.validate({
      definition: { schemaVersion: 1, name: 'x', steps: [{ id: 'a', name: 'A', type: 'command', action: 'echo', dependencies: ['a'] }] },
    })
    expect(result.ok).toBe(false)
    expect(result.issues.some((i) => i.stepId === 'a')).toBe(true)
    expect(await countRows()).toEqual(before)
  })

  it('search, sort and pagination work together', async () => {
    const tag = uniqueName('Page')
    for (const suffix of ['c', 'a', 'b']) await api.workflows.create({ definition: doc(`${tag} ${suffix}`) })
    const page1 = await api.workflows.list({ search: tag, sort: 'name', pageSize: 2, page: 1 })
    const page2 = await api.workflows.list({ search: tag, sort: 'name', pageSize: 2, page: 2 })
    expect(page1.total).toBe(3)
    expect(page1.items.map((w) => w.name)).toEqual([`${tag} a`, `${tag} b`])
    expect(page2.items.map((w) => w.name)).toEqual([`${tag} c`])
    const byUpdate = await api.workflows.list({ search: tag, sort: 'updated' })
    expect(byUpdate.items[0]?.name).toBe(`${tag} b`)
  })

  it('tRPC input errors name the field', async () => {
    const error = await expectRefused(api.workflows.list({ pageSize: 1000 }), 'BAD_REQUEST')
    expect(error.message).toContain('pageSize')
    await expectRefused(api.workflows.get({ id: 'not-a-uuid' }), 'BAD_REQUEST')
  })

  it('a NUL character is refused naming the field, and nothing is written', async () => {
    const before = await countRows()
    const bad = doc(uniqueName('Nul'))
    bad.steps[0] = { ...bad.steps[0]!, params: { message: 'a\u0000b' } }
    const error = await expectRefused(api.workflows.create({ definition: bad }), 'BAD_REQUEST')
    // The shared JSON guard refuses it on the tRPC input, so the path starts at the input's `definition`.
    expect(error.cause?.issues?.map((i) => i.path)).toEqual([['definition', 'steps', 0, 'params', 'message']])
    expect(JSON.stringify(error.cause?.issues)).toContain('steps[0].params.message contains a NUL character')
    const messageError = await expectRefused(
      api.workflows.create({ definition: doc(uniqueName('Nul message')), message: 'x\u0000' }),
      'BAD_REQUEST',
    )
    expect(messageError.message).toContain('NUL character')
    expect(await countRows()).toEqual(before)
  })
})
