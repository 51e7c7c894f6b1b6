// The monitoring tRPC router over a real database. Synthetic work is dated in the far future and
// read with a clock set there, so windows hold exactly this file's rows.
import { TRPCError } from '@trpc/server'
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { textList } from '@/server/platform/sql-helpers'
import { createManualClock } from '@/server/testing/trigger-test-kit'
import { connectTestDatabase, createTestApi, uniqueName } from '@/server/testing/test-api'
import { evaluateAlertRules } from './alert-evaluation'
import { seedBuiltinAlertRules } from './alert-rule-store'
import { insertSyntheticRun } from '@/server/testing/monitoring-test-kit'
import { createLogger } from '@/server/platform/logger'

const database = connectTestDatabase()
const clock = createManualClock(new Date('2101-03-01T12:00:00Z'))
const { api } = createTestApi(database, clock)
const created: string[] = []
afterAll(async () => {
  await database.db.execute(sql`DELETE FROM executions WHERE id::text IN ${textList(created)}`)
  await database.close()
})

/** The editable fields of a rule as the API returned it. */
const fieldsOf = (r: Awaited<ReturnType<typeof api.monitoring.createRule>>) => ({
  id: r.id,
  name: r.name,
  metric: r.metric,
  comparator: r.comparator,
  threshold: r.threshold,
  windowSeconds: r.windowSeconds,
  forSeconds: r.forSeconds,
  webhookUrl: r.webhookUrl,
  enabled: r.enabled,
})

const ago = (ms: number) => new Date(clock.now().getTime() - ms)

async function finishedRun(
  status: string,
  steps: {
    stepId: string
    status: string
    ms: number
    waitMs?: number
    endedAgoMs: number
    attempt?: number
    code?: string
  }[],
  extra: { workflowId?: string; definition?: Record<string, unknown> } = {},
) {
  const { executionId } = await insertSyntheticRun(database.db, {
    ...extra,
    status,
    createdAt: ago(Math.max(...steps.map((s) => s.endedAgoMs + s.ms)) + 1000),
    finishedAt: ago(Math.min(...steps.map((s) => s.endedAgoMs))),
    steps: steps.map((s) => ({
      stepId: s.stepId,
      status: s.status,
      attempt: s.attempt ?? 1,
      runAt: ago(s.endedAgoMs + s.ms + (s.waitMs ?? 0)),
      startedAt: ago(s.endedAgoMs + s.ms),
      finishedAt: ago(s.endedAgoMs),
      ...(s.code ? { error: { code: s.code, message: s.code, retryable: true } } : {}),
    })),
  })
  created.push(executionId)
  return executionId
}

async function refused(promise: Promise<unknown>, code: TRPCError['code']) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(TRPCError)
  expect((error as TRPCError).code).toBe(code)
  return error as TRPCError & { cause?: { issues?: { path: (string | number)[]; message: string }[] } }
}

describe('monitoring.snapshot', () => {
  it('reports step latency percentiles and failure rates over the last 5 and 60 minutes', async () => {
    await finishedRun('succeeded', [
      { stepId: 'a', status: 'succeeded', ms: 100, waitMs: 10, endedAgoMs: 60_000 },
      { stepId: 'b', status: 'succeeded', ms: 200, waitMs: 20, endedAgoMs: 50_000 },
      { stepId: 'c', status: 'succeeded', ms: 300, waitMs: 30, endedAgoMs: 40_000 },
    ])
    await finishedRun('failed', [{ stepId: 'x', status: 'failed', ms: 400, waitMs: 40, endedAgoMs: 30_000 }])
    // Older than 5 minutes: only in the hour.
    await finishedRun('succeeded', [
      { stepId: 'old', status: 'succeeded', ms: 5000, endedAgoMs: 30 * 60_000 },
    ])

    const snap = await api.monitoring.snapshot()
    expect(snap.last5m).toMatchObject({
      stepsFinished: 4,
      stepsFailed: 1,
      stepFailureRate: 0.25,
      runsFinished: 2,
      runsFailed: 1,
    })
    expect(snap.last5m.stepDurationMs.p50).toBeCloseTo(250)
    expect(snap.last5m.dispatchLatencyMs.p50).toBeCloseTo(25)
    expect(snap.last5m.dispatchLatencyMs.p95).toBeCloseTo(38.5)
    expect(snap.last60m).toMatchObject({ stepsFinished: 5, runsFinished: 3 })
    expect(snap.last60m.runFailureRate).toBeCloseTo(1 / 3)
    expect(snap.last60m.stepDurationMs.p50).toBeCloseTo(300)
  })
})

describe('monitoring alert rules', () => {
  it('creates, edits, lists and deletes a user rule; invalid fields are named', async () => {
    const rule = await api.monitoring.createRule({
      name: uniqueName('Slow steps'),
      metric: 'step_duration_p95_ms',
      threshold: 2000,
    })
    expect(rule).toMatchObject({
      comparator: '>',
      windowSeconds: 300,
      forSeconds: 60,
      state: 'inactive',
      builtinKey: null,
    })

    const bad = await refused(
      api.monitoring.createRule({ name: '', metric: 'run_failure_rate', threshold: 5, windowSeconds: 1 }),
      'BAD_REQUEST',
    )
    expect(bad.cause?.issues?.map((i) => i.path.join('.')).sort()).toEqual([
      'name',
      'threshold',
      'windowSeconds',
    ])
    const ratio = await refused(
      api.monitoring.createRule({ name: 'r', metric: 'run_failure_rate', threshold: 5 }),
      'BAD_REQUEST',
    )
    expect(ratio.cause?.issues?.map((i) => i.path.join('.'))).toEqual(['threshold'])

    const edited = await api.monitoring.updateRule({ ...fieldsOf(rule), threshold: 500, forSeconds: 0 })
    expect(edited).toMatchObject({ id: rule.id, threshold: 500, forSeconds: 0 })
    expect((await api.monitoring.rules()).some((r) => r.id === rule.id && r.threshold === 500)).toBe(true)

    await api.monitoring.deleteRule({ id: rule.id })
    expect((await api.monitoring.rules()).some((r) => r.id === rule.id)).toBe(false)
    await refused(api.monitoring.deleteRule({ id: rule.id }), 'NOT_FOUND')
  })

  it('built-in rules can be edited but not deleted', async () => {
    await seedBuiltinAlertRules(database.db, clock.now())
    const rules = await api.monitoring.rules()
    const queue = rules.find((r) => r.builtinKey === 'queue_depth')
    expect(queue).toBeDefined()
    const error = await refused(api.monitoring.deleteRule({ id: queue?.id as string }), 'CONFLICT')
    expect(error.message).toMatch(/built in.*disable it instead/)
  })

  it('alert history and the active list show a firing rule', async () => {
    const rule = await api.monitoring.createRule({
      name: uniqueName('Any step failed'),
      metric: 'step_failure_rate',
      threshold: 0.1,
      windowSeconds: 300,
      forSeconds: 0,
    })
    await evaluateAlertRules({ db: database.db, clock, logger: createLogger('silent') })
    const active = await api.monitoring.rules({ activeOnly: true })
    expect(active.find((r) => r.id === rule.id)).toMatchObject({ state: 'firing', lastValue: 0.25 })
    const history = await api.monitoring.alertHistory({ ruleId: rule.id })
    expect(history).toHaveLength(1)
    expect(history[0]).toMatchObject({ state: 'firing', value: 0.25, notifyStatus: 'none' })
    expect(history[0]?.message).toContain('Step failure rate is 25% (threshold > 10%)')
    clock.advance(2000)
    expect((await api.monitoring.snapshot()).alerts.map((a) => a.id)).toContain(rule.id)
    await api.monitoring.updateRule({ ...fieldsOf(rule), enabled: false })
  })
})
