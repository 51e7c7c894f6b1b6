// Versions are PostgreSQL integers: a larger number is a clear refusal naming the field (the API)
// or "not found" (the store), never a database error answered as 500 (found by the tRPC fuzzer).
import { afterAll, describe, expect, it } from 'vitest'
import { connectTestDatabase, createTestApi, uniqueName } from '@/server/testing/test-api'
import { getWorkflowVersion } from '@/server/workflows/workflow-store'

const database = connectTestDatabase()
const { api } = createTestApi(database)
afterAll(() => database.close())

describe('workflow version numbers', () => {
  it('a version beyond the integer range is refused naming the field, or not found in the store', async () => {
    const saved = await api.workflows.create({
      definition: {
        schemaVersion: 1,
        name: uniqueName('Versions'),
        steps: [{ id: 'a', name: 'a', type: 'condition', expression: 'true' }],
      },
    })
    await expect(
      api.runs.start({ workflowId: saved.workflowId, version: Number.MAX_SAFE_INTEGER }),
    ).rejects.toThrow(/version must be at most 2147483647/)
    await expect(getWorkflowVersion(database.db, saved.workflowId, 2 ** 40)).rejects.toMatchObject({
      code: 'not_found',
    })
    expect((await getWorkflowVersion(database.db, saved.workflowId, 1)).version).toBe(1)
  })
})
