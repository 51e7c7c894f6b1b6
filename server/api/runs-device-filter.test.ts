// The runs list filtered by device (analytics' device leaderboard drills down to it): only runs
// that sent a command to that device, paged like any other filter; a bad device id is named.
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { insertDevice, insertRun, insertWorkflow } from '@/server/testing/analytics-test-kit'
import { connectTestDatabase, createTestApi, uniqueName } from '@/server/testing/test-api'

const database = connectTestDatabase()
const { api } = createTestApi(database)
afterAll(() => database.close())

describe('runs.page by device', () => {
  it('lists only the runs that sent a command to the device', async () => {
    const workflowId = await insertWorkflow(database.db, uniqueName('Device filter'), { steps: [{ id: 'work', name: 'Work', type: 'command', action: 'echo' }] })
    const deviceId = `dev-${randomUUID().slice(0, 8)}`
    const otherDevice = `dev-${randomUUID().slice(0, 8)}`
    await insertDevice(database.db, deviceId, 'edge-filter')
    await insertDevice(database.db, otherDevice, 'edge-other')
    const at = new Date()
    const step = [{ stepId: 'work', status: 'succeeded', durationMs: 100 }]
    const onDevice = await insertRun(database.db, { workflowId, status: 'succeeded', createdAt: at, durationMs: 100, steps: step })
    const onOther = await insertRun(database.db, { workflowId, status: 'succeeded', createdAt: at, durationMs: 100, steps: step })
    await insertRun(database.db, { workflowId, status: 'succeeded', createdAt: at, durationMs: 100, steps: step })
    for (const [executionId, device] of [[onDevice, deviceId], [onOther, otherDevice]] as const)
      await database.db.execute(sql`INSERT INTO device_commands (id, device_id, step_execution_id, attempt, action, status)
          SELECT s.id || ':1', ${device}, s.id, 1, 'echo', 'succeeded' FROM step_executions s WHERE s.execution_id = ${executionId}`)

    const page = await api.runs.page({ deviceId })
    expect(page.items.map((r) => r.id)).toEqual([onDevice])
    const both = await api.runs.page({ workflowId })
    expect(both.items).toHaveLength(3)
    await expect(api.runs.page({ deviceId: 'x'.repeat(201) })).rejects.toThrow(/deviceId must be at most 200 characters/)
  })
})
