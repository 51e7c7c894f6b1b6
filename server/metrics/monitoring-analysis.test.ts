// monitoring.analyzeWorkflow and monitoring.anomalies over synthetic history with known answers,
// dated in the far future so only this file's rows are in range.
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { textList } from '@/server/platform/sql-helpers'
import { createManualClock } from '@/server/testing/trigger-test-kit'
import { connectTestDatabase, createTestApi, uniqueName } from '@/server/testing/test-api'
import { createFlaggedDevices } from './flagged-devices'
import { insertSyntheticRun } from '@/server/testing/monitoring-test-kit'

const database = connectTestDatabase()
const clock = createManualClock(new Date('2102-06-01T12:00:00Z'))
const { api } = createTestApi(database, clock)
const created = { runs: [] as string[], devices: [] as string[] }
afterAll(async () => {
  await database.db.execute(sql`DELETE FROM executions WHERE id::text IN ${textList(created.runs)}`)
  await database.db.execute(sql`DELETE FROM devices WHERE id IN ${textList(created.devices)}`)
  await database.close()
})
const ago = (ms: number) => new Date(clock.now().getTime() - ms)

const definition = (name: string) => ({
  name,
  steps: [
    { id: 'build', name: 'build', type: 'command', action: 'echo' },
    { id: 'lint', name: 'lint', type: 'command', action: 'echo', dependencies: ['build'] },
    {
      id: 'deploy',
      name: 'deploy',
      type: 'command',
      action: 'echo',
      dependencies: ['lint'],
      params: { artifact: '{{ steps.build.output.text }}' },
    },
  ],
})

describe('monitoring.analyzeWorkflow', () => {
  it('reports per-step percentiles, failures, the slowest steps, anomalies and suggestions', async () => {
    const saved = await api.workflows.create({ definition: definition(uniqueName('Analyzed')) })
    const runs = 25
    for (let i = 0; i < runs; i++) {
      const end = (i + 1) * 60_000 // run i ended i+1 minutes ago
      const lintMs = i === 0 ? 20_000 : 1000 + (i % 5) * 10 // the newest run's lint is the anomaly
      const deployFails = i % 8 === 1 // 3 of 25 fail with device_lost (12%)
      const { executionId } = await insertSyntheticRun(database.db, {
        workflowId: saved.workflowId,
        definition: definition('x'),
        status: deployFails ? 'failed' : 'succeeded',
        createdAt: ago(end + 40_000),
        finishedAt: ago(end),
        steps: [
          {
            stepId: 'build',
            status: 'succeeded',
            runAt: ago(end + 30_000),
            startedAt: ago(end + 30_000),
            finishedAt: ago(end + 25_000),
          },
          {
            stepId: 'lint',
            status: 'succeeded',
            runAt: ago(end + 25_000),
            startedAt: ago(end + 25_000),
            finishedAt: ago(end + 25_000 - lintMs),
          },
          deployFails
            ? {
                stepId: 'deploy',
                status: 'failed',
                startedAt: ago(end + 2000),
                finishedAt: ago(end),
                error: { code: 'device_lost', message: 'gone', retryable: true },
              }
            : {
                stepId: 'deploy',
                status: 'succeeded',
                startedAt: ago(end + 2000),
                finishedAt: ago(end),
                attempt: i % 6 === 0 ? 2 : 1,
              },
        ],
      })
      created.runs.push(executionId)
    }

    const report = await api.monitoring.analyzeWorkflow({ workflowId: saved.workflowId, range: '24h' })
    expect(report.runs).toEqual({ total: runs, byStatus: { succeeded: 22, failed: 3 } })
    const step = (id: string) => report.steps.find((s) => s.stepId === id)
    expect(step('build')).toMatchObject({ runs: 25, failed: 0, p50Ms: 5000, p95Ms: 5000 })
    expect(step('deploy')).toMatchObject({
      runs: 25,
      failed: 3,
      failureRate: 0.12,
      errorCodes: [{ code: 'device_lost', count: 3 }],
    })
    expect(step('deploy')?.retried).toBe(5)
    expect(step('deploy')?.succeededOnSecondAttempt).toBe(5)
    expect(report.slowestSteps[0]).toBe('build')

    expect(report.anomalies.map((a) => a.explanation)).toContain(
      `step lint of ${report.workflowName} took 20 s, 20× its median of 1 s`,
    )
    const messages = report.suggestions.map((s) => s.message)
    expect(messages).toContain(
      'step "lint" waits on "build" sequentially; they have no data dependency — run them in parallel and save about 1 s per run',
    )
    expect(messages).toContain(
      'step "deploy" fails 12% with device_lost — add a retry policy (e.g. maxAttempts 3, exponential backoff)',
    )
    // deploy reads build's output, not lint's: it may run beside lint, never before build.
    const parallel = report.suggestions
      .filter((s) => s.kind === 'parallelize')
      .map((s) => s.stepIds.join('→'))
    expect(parallel.sort()).toEqual(['build→lint', 'lint→deploy'])
  })

  it('an unknown workflow is NOT_FOUND and a bad range names the field', async () => {
    await expect(api.monitoring.analyzeWorkflow({ workflowId: crypto.randomUUID() })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    await expect(
      api.monitoring.analyzeWorkflow({ workflowId: crypto.randomUUID(), range: 'forever' }),
    ).rejects.toThrow(/range must be a duration/)
  })
})

describe('monitoring.anomalies', () => {
  it('flags a slow device and a device failing far more than its peers, with explanations', async () => {
    const devices = ['a', 'b', 'c', 'd', 'edge-7', 'flaky'].map(
      (d) => `${d}-${Math.random().toString(36).slice(2, 7)}`,
    )
    created.devices.push(...devices)
    await database.db.execute(
      sql`INSERT INTO devices (id, name, token_hash, token_prefix, status) VALUES
          ${sql.join(
            devices.map((id) => sql`(${id}, ${id}, ${id}, 'tok', 'online')`),
            sql`, `,
          )}`,
    )
    const commands = devices.flatMap((device, d) =>
      Array.from({ length: 12 }, (_, i) => {
        const ms = device.startsWith('edge-7') ? 30_000 : 8000 + (i % 4) * 100
        const failed = device.startsWith('flaky') ? i % 2 === 0 : false
        const end = ago((i + 1) * 60_000 + d * 1000)
        return sql`(${`${device}:${i}`}, ${device}, 'deploy', ${failed ? 'failed' : 'succeeded'},
                    ${new Date(end.getTime() - ms).toISOString()}::timestamptz, ${end.toISOString()}::timestamptz)`
      }),
    )
    await database.db.execute(
      sql`INSERT INTO device_commands (id, device_id, action, status, started_at, finished_at) VALUES ${sql.join(commands, sql`, `)}`,
    )
    const anomalies = await api.monitoring.anomalies({ lookbackHours: 24, recentMinutes: 60 })
    const mine = anomalies.filter((a) => devices.includes(a.subject.key))
    const slow = mine.find((a) => a.kind === 'slow_device')
    expect(slow?.subject.key).toBe(devices[4])
    expect(slow?.explanation).toMatch(
      new RegExp(
        `^device ${devices[4]} runs deploy in 30 s \\(median\\), 3\\.7× the fleet's median of 8\\.2 s$`,
      ),
    )
    const failing = mine.filter((a) => a.kind === 'high_failure_rate')
    expect(failing.map((a) => a.subject.key)).toEqual([devices[5]])
    const forDevice = await api.monitoring.anomalies({ deviceId: devices[5] })
    expect(forDevice.map((a) => a.kind)).toEqual(['high_failure_rate'])
    const flagged = await createFlaggedDevices({ db: database.db, clock }).current()
    expect([...flagged.keys()].filter((id) => devices.includes(id)).sort()).toEqual(
      [devices[4], devices[5]].sort(),
    )
    expect(failing[0]?.explanation).toMatch(
      /failed 6 of 12 commands \(50%\) in the last 60 min, against 0% for its peers/,
    )
  })
})
