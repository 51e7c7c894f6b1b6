// Analytics reports against a seeded data set whose every number is computed by hand in the comments.
// The data lives in March 2033 (a fixed clock), so rows other tests write "now" never fall in range.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectTestDatabase, createTestApi, uniqueName } from '@/server/testing/test-api'
import { insertCommand, insertDevice, insertRun, insertWorkflow, type SeedStep } from '@/server/testing/analytics-test-kit'

const database = connectTestDatabase()
const NOW = new Date('2033-03-09T12:00:00Z') // a Wednesday
const { api } = createTestApi(database, { now: () => NOW })
/** Percentiles come from 1%-wide log buckets (server/statistics/analytics/log-histogram.ts). */
const expectNear = (actual: number | null | undefined, exact: number) =>
  expect(Math.abs((actual ?? Number.NaN) / exact - 1), `${actual} vs ${exact}`).toBeLessThan(0.01)
const at = (iso: string, plusMs = 0) => new Date(new Date(iso).getTime() + plusMs)
const suffix = Math.random().toString(36).slice(2, 8)
const deployName = uniqueName('Analytics deploy')
const backupName = uniqueName('Analytics backup')
let deployId = ''
let backupId = ''

/**
 * deploy: 20 runs. i = 0..9 on Mon 2033-03-07 09:00+i min, i = 10..19 on Tue 2033-03-08 14:00+i min.
 * Run i lasts (i+1) s. Runs 0..15 succeed, 16..18 fail (test times out), 19 is cancelled.
 * Runs 14 and 15 succeeded only through failure handlers (one handled failure each).
 * Even i are manual, odd i scheduled. build takes 1 s (attempt 2 for i < 4); test (i+1)*100 ms;
 * notify 50 ms on successful runs. A 21st run, eight days back, falls outside 7 days.
 * backup: 4 webhook runs on Wed 2033-03-09 11:00, 11:10, 11:20, 11:30: succeeded (5 s),
 * succeeded (5 s), timed_out (30 s, dump fails with timeout), running (unfinished).
 */
beforeAll(async () => {
  deployId = await insertWorkflow(database.db, deployName, {
    steps: [
      { id: 'build', name: 'Build', type: 'command', action: 'echo', retryPolicy: { maxAttempts: 3 } },
      { id: 'test', name: 'Run tests', type: 'command', action: 'echo', timeout: '10m',
        params: { artifact: '{{ steps.build.output.url }}' }, dependencies: ['build'] },
      { id: 'notify', name: 'Notify', type: 'webhook', request: { url: 'https://example.com' }, dependencies: ['test'] },
    ],
  })
  backupId = await insertWorkflow(database.db, backupName, {
    steps: [{ id: 'dump', name: 'Dump', type: 'command', action: 'echo' }],
  })
  for (let i = 0; i < 20; i++) {
    const createdAt = i < 10 ? at('2033-03-07T09:00:00Z', i * 60_000) : at('2033-03-08T14:00:00Z', (i - 10) * 60_000)
    const failed = i >= 16 && i <= 18
    const steps: SeedStep[] = [
      { stepId: 'build', status: 'succeeded', attempt: i < 4 ? 2 : 1, durationMs: 1000 },
      failed
        ? { stepId: 'test', status: 'failed', durationMs: (i + 1) * 100, errorCode: 'timeout' }
        : { stepId: 'test', status: 'succeeded', durationMs: (i + 1) * 100 },
      failed ? { stepId: 'notify', status: 'skipped' }
        : i === 19 ? { stepId: 'notify', status: 'cancelled' }
        : { stepId: 'notify', status: 'succeeded', durationMs: 50 },
    ]
    const status = failed ? 'failed' : i === 19 ? 'cancelled' : 'succeeded'
    const trigger = i % 2 === 0 ? 'manual' : 'schedule'
    const handledFailures = i === 14 || i === 15 ? 1 : 0
    await insertRun(database.db, { workflowId: deployId, status, trigger, createdAt, durationMs: (i + 1) * 1000, steps, handledFailures })
  }
  await insertRun(database.db, { workflowId: deployId, status: 'succeeded', createdAt: at('2033-03-01T12:00:00Z'), durationMs: 1000 })
  const backups = [
    { status: 'succeeded', durationMs: 5000, dump: { stepId: 'dump', status: 'succeeded', durationMs: 5000 } },
    { status: 'succeeded', durationMs: 5000, dump: { stepId: 'dump', status: 'succeeded', durationMs: 5000 } },
    { status: 'timed_out', durationMs: 30_000, dump: { stepId: 'dump', status: 'failed', durationMs: 30_000, errorCode: 'timeout' } },
    { status: 'running', durationMs: undefined, dump: { stepId: 'dump', status: 'running' } },
  ]
  for (const [k, b] of backups.entries()) {
    const createdAt = at('2033-03-09T11:00:00Z', k * 600_000)
    await insertRun(database.db, { workflowId: backupId, status: b.status, trigger: 'webhook', createdAt, durationMs: b.durationMs, steps: [b.dump] })
  }
  // edge-1: 30 commands of 100 ms, one failed; edge-bad: 20 commands of 1 s, 8 failed (5 device_lost, 3 exit_code).
  await insertDevice(database.db, `edge-1-${suffix}`, 'Edge 1')
  await insertDevice(database.db, `edge-bad-${suffix}`, 'Edge bad')
  for (let k = 0; k < 30; k++)
    await insertCommand(database.db, { deviceId: `edge-1-${suffix}`, status: k === 0 ? 'failed' : 'succeeded',
      errorCode: k === 0 ? 'exit_code' : undefined, createdAt: at('2033-03-08T10:00:00Z', k * 60_000), durationMs: 100 })
  for (let k = 0; k < 20; k++)
    await insertCommand(database.db, { deviceId: `edge-bad-${suffix}`, status: k < 8 ? 'failed' : 'succeeded',
      errorCode: k < 5 ? 'device_lost' : k < 8 ? 'exit_code' : undefined, createdAt: at('2033-03-08T10:00:00Z', k * 60_000), durationMs: 1000 })
})
afterAll(() => database.close())

describe('analytics reports over a hand-computed data set', () => {
  it('counts runs per day by status with the success-rate trend', async () => {
    const trend = await api.analytics.runTrend({ range: '7d' })
    expect(trend.bucket).toBe('day')
    // 2033-03-02 (the window starts at 12:00 that day) through 2033-03-09: eight UTC days.
    expect(trend.buckets.map((b) => b.start.toISOString().slice(0, 10))).toEqual(
      ['02', '03', '04', '05', '06', '07', '08', '09'].map((d) => `2033-03-${d}`),
    )
    const byDay = Object.fromEntries(trend.buckets.map((b) => [b.start.toISOString().slice(0, 10), b]))
    expect(byDay['2033-03-07']).toMatchObject({ total: 10, byStatus: { succeeded: 10 }, handledSuccesses: 0, successRate: 1 })
    expect(byDay['2033-03-08']).toMatchObject({ total: 10, byStatus: { succeeded: 6, failed: 3, cancelled: 1 }, handledSuccesses: 2 })
    expect(byDay['2033-03-08']?.successRate).toBeCloseTo(6 / 9)
    expect(byDay['2033-03-09']).toMatchObject({ total: 4, byStatus: { succeeded: 2, timed_out: 1, running: 1 } })
    expect(byDay['2033-03-06']).toMatchObject({ total: 0, successRate: null })
    expect(trend.totals.runs).toBe(24)
    expect(trend.totals.handledSuccesses).toBe(2) // 18 succeeded: 16 clean, 2 with handled failures
    expect(trend.totals.successRate).toBeCloseTo(18 / 22) // cancelled and running count in neither direction
  })

  it('a 90-day range reaches the older run; a one-hour range is bucketed by hour', async () => {
    // Per workflow: other test files share this database and may write runs at odd times.
    expect((await api.analytics.runTrend({ range: '90d', workflowId: deployId })).totals.runs).toBe(21)
    expect((await api.analytics.runTrend({ range: '7d', workflowId: deployId })).totals.runs).toBe(20)
    expect((await api.analytics.runTrend({ range: '90d', workflowId: backupId })).totals.runs).toBe(4)
    const hour = await api.analytics.runTrend({ range: '1h', workflowId: backupId })
    expect(hour.bucket).toBe('hour')
    expect(hour.buckets).toEqual([
      expect.objectContaining({ start: at('2033-03-09T11:00:00Z'), end: NOW, total: 4 }),
    ])
  })

  it('filters every report to one workflow', async () => {
    const trend = await api.analytics.runTrend({ range: '7d', workflowId: backupId })
    expect(trend.totals).toMatchObject({ runs: 4, byStatus: { succeeded: 2, timed_out: 1, running: 1 } })
  })

  it('shows usage by hour of week (in the viewer time zone), by trigger and by workflow', async () => {
    const usage = await api.analytics.usage({ range: '7d' })
    expect(usage.heatmap).toEqual([
      { weekday: 1, hour: 9, runs: 10 },
      { weekday: 2, hour: 14, runs: 10 },
      { weekday: 3, hour: 11, runs: 4 },
    ])
    const newYork = await api.analytics.usage({ range: '7d', timezone: 'America/New_York' }) // UTC-5 in early March
    expect(newYork.heatmap.map((c) => [c.weekday, c.hour, c.runs])).toEqual([[1, 4, 10], [2, 9, 10], [3, 6, 4]])
    expect(usage.byTrigger.map((t) => [t.trigger, t.runs, t.succeeded, t.failed])).toEqual([
      ['manual', 10, 8, 2],
      ['schedule', 10, 8, 1],
      ['webhook', 4, 2, 0],
    ])
    expect(usage.byTrigger[1]?.successRate).toBeCloseTo(8 / 9)
    expect(usage.topWorkflows.map((w) => [w.workflowName, w.runs, w.succeeded, w.failed])).toEqual([
      [deployName, 20, 16, 3],
      [backupName, 4, 2, 0],
    ])
    expect(usage.topWorkflows[0]?.successRate).toBeCloseTo(16 / 19)
  })

  it('reports run duration percentiles per workflow, slowest p95 first', async () => {
    const durations = await api.analytics.workflowDurations({ range: '7d' })
    // backup: 5, 5, 30 s (the running one has no duration). p95 = 5 + 0.9 × 25 = 27.5 s.
    expect(durations[0]).toMatchObject({ workflowName: backupName, runs: 3, maxMs: 30_000 })
    expectNear(durations[0]?.p50Ms, 5000)
    expectNear(durations[0]?.p95Ms, 27_500)
    expectNear(durations[0]?.p99Ms, 29_500)
    // deploy: 1..20 s. p50 = 10.5 s, p95 = 19 + 0.05 = 19.05 s, p99 = 19.81 s.
    expect(durations[1]).toMatchObject({ workflowName: deployName, runs: 20, maxMs: 20_000 })
    expectNear(durations[1]?.p50Ms, 10_500)
    expectNear(durations[1]?.p95Ms, 19_050)
    expectNear(durations[1]?.p99Ms, 19_810)
  })

  it('lists the top failing steps with error codes and the slowest steps', async () => {
    const steps = await api.analytics.steps({ range: '7d' })
    expect(steps.topFailing.map((s) => [s.workflowName, s.stepId, s.stepName, s.runs, s.failed, s.errorCodes])).toEqual([
      [deployName, 'test', 'Run tests', 20, 3, [{ code: 'timeout', count: 3 }]],
      [backupName, 'dump', 'Dump', 3, 1, [{ code: 'timeout', count: 1 }]],
    ])
    expect(steps.topFailing[0]?.failureRate).toBeCloseTo(0.15)
    expect(steps.slowest.map((s) => s.stepId)).toEqual(['dump', 'test', 'build', 'notify'])
    // test: 100..2000 ms. p50 = 1050, p95 = 1900 + 0.05 × 100 = 1905 ms.
    expect(steps.slowest[1]).toMatchObject({ stepId: 'test', runs: 20 })
    expectNear(steps.slowest[1]?.p50Ms, 1050)
    expectNear(steps.slowest[1]?.p95Ms, 1905)
  })

  it('ranks devices by commands with failure rates, percentiles and busy time', async () => {
    const devices = await api.analytics.devices({ range: '7d' })
    expect(devices.map(({ p50Ms: _p50, p95Ms: _p95, ...rest }) => rest)).toEqual([
      { deviceId: `edge-1-${suffix}`, deviceName: 'Edge 1', commands: 30, succeeded: 29, failed: 1,
        failureRate: 1 / 30, busyMs: 3000, topErrorCode: 'exit_code' },
      { deviceId: `edge-bad-${suffix}`, deviceName: 'Edge bad', commands: 20, succeeded: 12, failed: 8,
        failureRate: 0.4, busyMs: 20_000, topErrorCode: 'device_lost' },
    ])
    expectNear(devices[0]?.p50Ms, 100)
    expectNear(devices[0]?.p95Ms, 100)
    expectNear(devices[1]?.p95Ms, 1000)
  })

  it('derives optimization suggestions from the data', async () => {
    const suggestions = await api.analytics.suggestions({ range: '7d' })
    expect(suggestions.map((s) => [s.kind, s.stepIds])).toEqual([
      ['parallelize', ['test', 'notify']], // notify does not read test's output; test reads build's
      ['flaky_retry', ['build']], // 4 retried, all succeeded on attempt 2
      ['add_retry', ['test']], // 15% fail with timeout and no retry policy
      ['lower_timeout', ['test']], // 10 min timeout against a p99 of 1.981 s
      ['failing_device', []], // edge-bad fails 40% against 3.3% for the rest
    ])
    expect(suggestions[4]).toMatchObject({ deviceId: `edge-bad-${suffix}` })
    expect(suggestions[4]?.message).toContain('device Edge bad fails 40% of its commands, mostly device_lost (the rest of the fleet: 3.3%)')
    expect(suggestions[0]?.message).toContain(deployName)
  })

  it('refuses a bad range or time zone, naming the field', async () => {
    for (const [input, field, text] of [
      [{ range: '5m' }, 'range', 'between 1 hour and 90 days'],
      [{ range: '91d' }, 'range', 'between 1 hour and 90 days'],
      [{ range: 'yesterday' }, 'range', 'between 1 hour and 90 days'],
      [{ range: '24h', timezone: 'Mars/Olympus' }, 'timezone', 'IANA time zone'],
    ] as const) {
      const error = await api.analytics.runTrend(input).then(() => undefined, (e: unknown) => e)
      expect(error).toMatchObject({ code: 'BAD_REQUEST' })
      expect(String((error as Error).message)).toContain(field)
      expect(String((error as Error).message)).toContain(text)
    }
  })
})
