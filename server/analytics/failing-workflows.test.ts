// The failing-workflows report the home page shows, against runs seeded at exact times. The data
// lives in May 2041 (a fixed clock), so runs other tests write "now" never fall in its windows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiAs, userActor } from '@/server/testing/auth-test-kit'
import { connectTestDatabase, createTestApi, uniqueName } from '@/server/testing/test-api'
import { insertRun, insertWorkflow } from '@/server/testing/analytics-test-kit'

const database = connectTestDatabase()
const NOW = new Date('2041-05-20T12:00:00Z')
const { api } = createTestApi(database, { now: () => NOW })
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000)
const ids = { deploy: '', backup: '', healthy: '' }
const runIds = { deployNewestFailure: '', backupTimeout: '', deletedFailure: '' }

/**
 * Last 24 h — deploy: failed 2 h and 5 h ago, timed out 20 h ago, succeeded 1 h ago, cancelled 3 h
 * ago (4 runs failed or not, 3 failures); backup: timed out 1 h ago, succeeded 6 h ago (1 failure);
 * healthy: succeeded twice; a run of a deleted workflow failed 4 h ago. Two days ago deploy failed
 * once more and backup failed three times: inside 7 days, outside 24 h.
 */
beforeAll(async () => {
  ids.deploy = await insertWorkflow(database.db, uniqueName('Failing deploy'), { steps: [] })
  ids.backup = await insertWorkflow(database.db, uniqueName('Failing backup'), { steps: [] })
  ids.healthy = await insertWorkflow(database.db, uniqueName('Healthy'), { steps: [] })
  const run = (workflowId: string | null, status: string, h: number) =>
    insertRun(database.db, { workflowId, status, createdAt: hoursAgo(h), durationMs: 1000 })
  runIds.deployNewestFailure = await run(ids.deploy, 'failed', 2)
  await run(ids.deploy, 'failed', 5)
  await run(ids.deploy, 'timed_out', 20)
  await run(ids.deploy, 'succeeded', 1)
  await run(ids.deploy, 'cancelled', 3)
  runIds.backupTimeout = await run(ids.backup, 'timed_out', 1)
  await run(ids.backup, 'succeeded', 6)
  await run(ids.healthy, 'succeeded', 1)
  await run(ids.healthy, 'succeeded', 2)
  runIds.deletedFailure = await run(null, 'failed', 4)
  await run(ids.deploy, 'failed', 48)
  for (const h of [47, 48, 49]) await run(ids.backup, 'failed', h)
})
afterAll(() => database.close())

describe('failing workflows', () => {
  it('counts failed and timed-out runs of the last 24 hours per workflow, most failures first', async () => {
    const failing = await api.analytics.failingWorkflows({})
    expect(failing.map((f) => [f.workflowId, f.failed, f.runs])).toEqual([
      [ids.deploy, 3, 5],
      [ids.backup, 1, 2],
      [null, 1, 1],
    ])
    expect(failing[0]).toMatchObject({
      lastFailedRunId: runIds.deployNewestFailure,
      lastFailedAt: hoursAgo(2),
    })
    expect(failing[0]?.workflowName).toMatch(/^Failing deploy/)
  })

  it('breaks a tie in failures by the newest failure, and names runs of deleted workflows', async () => {
    const [, backup, deleted] = await api.analytics.failingWorkflows({})
    expect(backup).toMatchObject({ lastFailedRunId: runIds.backupTimeout, lastFailedAt: hoursAgo(1) })
    expect(deleted).toMatchObject({
      workflowName: 'Deleted workflows',
      lastFailedRunId: runIds.deletedFailure,
    })
  })

  it('leaves out workflows whose runs all succeeded', async () => {
    const failing = await api.analytics.failingWorkflows({ range: '7d', limit: 50 })
    expect(failing.map((f) => f.workflowId)).not.toContain(ids.healthy)
  })

  it('widens to the range asked for and keeps to the limit', async () => {
    const week = await api.analytics.failingWorkflows({ range: '7d' })
    expect(week.map((f) => [f.workflowId, f.failed])).toEqual([
      [ids.backup, 4],
      [ids.deploy, 4],
      [null, 1],
    ])
    expect(await api.analytics.failingWorkflows({ range: '7d', limit: 1 })).toHaveLength(1)
  })

  it('refuses a range outside 1 hour to 90 days and a limit above 50', async () => {
    await expect(api.analytics.failingWorkflows({ range: '10m' })).rejects.toThrow(/range must be/)
    await expect(api.analytics.failingWorkflows({ limit: 51 })).rejects.toThrow(/at most 50/)
  })

  it('is open to viewers, like every analytics report', async () => {
    await expect(apiAs(database, userActor('viewer')).analytics.failingWorkflows({})).resolves.toBeInstanceOf(
      Array,
    )
  })
})
