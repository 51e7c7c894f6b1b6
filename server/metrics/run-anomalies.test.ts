// monitoring.anomalies filtered to one run and to one device, over synthetic history with known
// answers, dated in the far future so only this file's rows are in range.
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { textList } from '@/server/platform/sql-helpers'
import { createManualClock } from '@/server/testing/trigger-test-kit'
import { connectTestDatabase, createTestApi, uniqueName } from '@/server/testing/test-api'
import { insertSyntheticRun } from '@/server/testing/monitoring-test-kit'

const database = connectTestDatabase()
const clock = createManualClock(new Date('2105-01-01T12:00:00Z'))
const { api } = createTestApi(database, clock)
const created = { runs: [] as string[], devices: [] as string[] }
afterAll(async () => {
  await database.db.execute(sql`DELETE FROM executions WHERE id::text IN ${textList(created.runs)}`)
  await database.db.execute(sql`DELETE FROM devices WHERE id IN ${textList(created.devices)}`)
  await database.close()
})
const ago = (ms: number) => new Date(clock.now().getTime() - ms)

/** One run of the workflow whose `deploy` step took `ms` and ended `endedAgoMs` ago. */
async function deployRun(workflowId: string, ms: number, endedAgoMs: number) {
  const run = await insertSyntheticRun(database.db, {
    workflowId,
    status: 'succeeded',
    createdAt: ago(endedAgoMs + ms + 1000),
    finishedAt: ago(endedAgoMs),
    steps: [
      { stepId: 'deploy', status: 'succeeded', startedAt: ago(endedAgoMs + ms), finishedAt: ago(endedAgoMs) },
    ],
  })
  created.runs.push(run.executionId)
  return { executionId: run.executionId, deployRow: run.stepRowIds.deploy as string }
}

/** `count` commands on a device in the last hour, `failed` of them failed; the first runs `stepRow`. */
async function commands(deviceId: string, count: number, failed: number, stepRow: string | null) {
  const values = Array.from({ length: count }, (_, i) => {
    const end = ago((i + 1) * 60_000)
    return sql`(${`${deviceId}:${i}`}, ${deviceId}, ${i === 0 ? stepRow : null}::uuid, 'deploy',
                ${i < failed ? 'failed' : 'succeeded'}, ${new Date(end.getTime() - 500).toISOString()}::timestamptz,
                ${end.toISOString()}::timestamptz)`
  })
  await database.db.execute(
    sql`INSERT INTO device_commands (id, device_id, step_execution_id, action, status, started_at, finished_at)
        VALUES ${sql.join(values, sql`, `)}`,
  )
}

describe('anomalies of one run and of one device', () => {
  it('lists the run’s slow steps and flagged devices, not other runs’ anomalies', async () => {
    const saved = await api.workflows.create({
      definition: {
        name: uniqueName('Deploys'),
        steps: [{ id: 'deploy', name: 'deploy', type: 'command', action: 'echo' }],
      },
    })
    for (let i = 0; i < 12; i++) await deployRun(saved.workflowId, 1000 + (i % 4) * 10, (i + 5) * 180_000)
    const target = await deployRun(saved.workflowId, 5000, 120_000)
    const other = await deployRun(saved.workflowId, 6000, 240_000)

    const [flaky, steady] = ['flaky', 'steady'].map((d) => `${d}-${Math.random().toString(36).slice(2, 7)}`)
    created.devices.push(flaky as string, steady as string)
    await database.db.execute(
      sql`INSERT INTO devices (id, name, token_hash, token_prefix, status) VALUES
          (${flaky}, ${flaky}, ${flaky}, 'tok', 'online'), (${steady}, ${steady}, ${steady}, 'tok', 'online')`,
    )
    await commands(flaky as string, 10, 6, target.deployRow)
    await commands(steady as string, 10, 0, other.deployRow)

    const forRun = await api.monitoring.anomalies({ executionId: target.executionId })
    expect(forRun.map((a) => [a.kind, a.sampleId ?? a.subject.key]).sort()).toEqual(
      [
        ['high_failure_rate', flaky],
        ['slow_execution', target.deployRow],
      ].sort(),
    )
    expect(forRun.find((a) => a.kind === 'slow_execution')?.explanation).toMatch(
      /^step deploy of Deploys .+ took 5 s, 4\.9× its median of 1 s$/,
    )
    expect(forRun.find((a) => a.kind === 'high_failure_rate')?.explanation).toMatch(
      new RegExp(`^device ${flaky} failed 6 of 10 commands \\(60%\\)`),
    )

    const forOther = await api.monitoring.anomalies({ executionId: other.executionId })
    expect(forOther.map((a) => a.sampleId)).toEqual([other.deployRow])

    const forDevice = await api.monitoring.anomalies({ deviceId: flaky })
    expect(forDevice.map((a) => [a.kind, a.subject.key])).toEqual([['high_failure_rate', flaky]])
    expect(await api.monitoring.anomalies({ deviceId: steady })).toEqual([])
  })

  it('an unknown run has no anomalies; a malformed run id is refused naming the field', async () => {
    expect(await api.monitoring.anomalies({ executionId: '00000000-0000-4000-8000-000000000000' })).toEqual(
      [],
    )
    await expect(api.monitoring.anomalies({ executionId: 'nope' })).rejects.toThrow(
      /executionId must be a UUID/,
    )
  })
})
