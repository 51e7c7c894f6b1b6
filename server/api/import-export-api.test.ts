// Import and export through the API: files round-trip; bad files are refused whole.
import { TRPCError } from '@trpc/server'
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { connectTestDatabase, createTestApi, uniqueName } from '@/server/testing/test-api'

const database = connectTestDatabase()
const { api } = createTestApi(database)
afterAll(() => database.close())

async function workflowCount(): Promise<number> {
  const [row] = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM workflows`)
  return row!.n
}

async function refusal(promise: Promise<unknown>): Promise<TRPCError & { cause?: { issues?: { code: string; message: string; path: (string | number)[] }[] } }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(TRPCError)
  return error as TRPCError & { cause?: { issues?: { code: string; message: string; path: (string | number)[] }[] } }
}

const validDocument = (name: string) =>
  JSON.stringify({
    schemaVersion: 1,
    name,
    steps: [
      { id: 'collect', name: 'Collect', type: 'command', action: 'system.info' },
      { id: 'pause', name: 'Pause', type: 'wait', wait: { kind: 'duration', duration: '5s' }, dependencies: ['collect'] },
    ],
  })

describe('import and export', () => {
  it('an exported workflow imports again as an equal document', async () => {
    const name = uniqueName('Roundtrip')
    const imported = await api.workflows.import({ json: validDocument(name) })
    const exported = await api.workflows.export({ id: imported.workflowId })
    expect(exported.filename).toMatch(/^roundtrip-.*\.v1\.json$/)
    const copyName = uniqueName('Roundtrip copy')
    const again = await api.workflows.import({ json: exported.json, name: copyName })
    const original = JSON.parse(exported.json) as Record<string, unknown>
    const reimported = (await api.workflows.get({ id: again.workflowId })).definition
    expect({ ...reimported, id: undefined, name: undefined }).toEqual({ ...original, id: undefined, name: undefined })
  })

  it('malformed JSON is refused with its line and column, and nothing is saved', async () => {
    const before = await workflowCount()
    const error = await refusal(api.workflows.import({ json: '{\n  "name": "x",\n  "steps": [,]\n}' }))
    expect(error.code).toBe('BAD_REQUEST')
    expect(error.message).toMatch(/not valid JSON \(line 3, column \d+\)/)
    expect(await workflowCount()).toBe(before)
  })

  it('a document over 1 MiB is refused before parsing', async () => {
    const before = await workflowCount()
    const huge = JSON.stringify({ name: 'huge', description: 'x'.repeat(1_100_000), steps: [] })
    const error = await refusal(api.workflows.import({ json: huge }))
    expect(error.message).toContain('limit is 1048576 bytes')
    expect(await workflowCount()).toBe(before)
  })

  it('a document with wrong types names each field', async () => {
    const before = await workflowCount()
    const json = JSON.stringify({
      schemaVersion: 1,
      name: uniqueName('Wrong types'),
      timeout: 'soon',
      steps: [{ id: 'a', name: 'A', type: 'command', action: 'echo', retryPolicy: { maxAttempts: 'three' } }],
    })
    const error = await refusal(api.workflows.import({ json }))
    const paths = (error.cause?.issues ?? []).map((i) => i.path.join('.'))
    expect(paths).toEqual(expect.arrayContaining(['timeout', 'steps.0.retryPolicy.maxAttempts']))
    expect(await workflowCount()).toBe(before)
  })

  it('exporting an old version exports that version', async () => {
    const name = uniqueName('Old export')
    const imported = await api.workflows.import({ json: validDocument(name) })
    const definition = (await api.workflows.get({ id: imported.workflowId })).definition
    await api.workflows.update({ id: imported.workflowId, definition: { ...definition, description: 'v2' } })
    const v1 = JSON.parse((await api.workflows.export({ id: imported.workflowId, version: 1 })).json) as { version: number; description?: string }
    expect(v1.version).toBe(1)
    expect(v1.description).toBeUndefined()
  })
})
