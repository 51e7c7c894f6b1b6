// One evaluation of every enabled alert rule, done by whichever node holds the monitoring lock
// (a transaction-scoped advisory lock), so several scheduler processes never record an alert twice.
// Also records a monitoring sample for the page's series, prunes old samples, and rolls up settled
// minutes of finished work for the monitoring windows (minute-rollups.ts).
import { eq, lt, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { alertEvents, alertRules, monitoringSamples } from '@/db/schema'
import type { Logger } from '@/server/platform/logger'
import { evaluateAlertRule, type AlertTransition } from '@/server/statistics/monitoring/alert-state'
import { rows } from '@/server/platform/sql-helpers'
import { readAlertMetricValues } from './alert-metric-values'
import { rollUpMinutes } from './minute-rollups'
import { toRuleView } from './alert-rule-store'

export const MONITORING_LOCK = [7_340_008, 1] as const
const SAMPLE_RETENTION_MS = 24 * 3_600_000
/** Samples carry the last minute's dispatch p95 and step failure rate. */
const SAMPLE_WINDOW_SECONDS = 60

export interface AlertDeps {
  db: Db
  clock: { now: () => Date }
  logger: Logger
}

export interface EvaluationResult {
  /** False when another node held the lock and this call did nothing. */
  leader: boolean
  transitions: { ruleId: string; to: AlertTransition; eventId: number }[]
}

export async function evaluateAlertRules(
  deps: AlertDeps,
  options: { minSampleGapMs?: number } = {},
): Promise<EvaluationResult> {
  const now = deps.clock.now()
  return deps.db.transaction(async (tx) => {
    const [lock] = await rows<{ locked: boolean }>(
      tx,
      sql`SELECT pg_try_advisory_xact_lock(${MONITORING_LOCK[0]}, ${MONITORING_LOCK[1]}) AS locked`,
    )
    if (!lock?.locked) return { leader: false, transitions: [] }

    const rules = (await tx.select().from(alertRules).where(eq(alertRules.enabled, true))).map(toRuleView)
    const measured = await readAlertMetricValues(tx, now, rules, [SAMPLE_WINDOW_SECONDS])
    const transitions: EvaluationResult['transitions'] = []
    for (const rule of rules) {
      const value = measured.values.get(rule.id) ?? null
      const decision = evaluateAlertRule(rule, value, now)
      await tx
        .update(alertRules)
        .set({
          state: decision.state,
          stateSince: decision.stateSince,
          lastValue: value,
          lastEvaluatedAt: now,
        })
        .where(eq(alertRules.id, rule.id))
      if (!decision.transition) continue
      const [event] = await tx
        .insert(alertEvents)
        .values({
          ruleId: rule.id,
          state: decision.transition.to,
          value,
          threshold: rule.threshold,
          message: decision.transition.message,
          createdAt: now,
          notifyStatus: rule.webhookUrl ? 'pending' : 'none',
        })
        .returning({ id: alertEvents.id })
      transitions.push({ ruleId: rule.id, to: decision.transition.to, eventId: (event as { id: number }).id })
      deps.logger.warn({ ruleId: rule.id, state: decision.transition.to, value }, decision.transition.message)
    }

    await recordSample(tx, now, measured, options.minSampleGapMs ?? 1000)
    try {
      // In a savepoint: a failed rollup must not undo this tick's alert transitions.
      await tx.transaction((sp) => rollUpMinutes(sp, now, { maxMinutes: 10 }))
    } catch (error) {
      deps.logger.warn({ err: error }, 'rolling up monitoring minutes failed; windows read raw rows')
    }
    return { leader: true, transitions }
  })
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

async function recordSample(
  tx: Tx,
  now: Date,
  measured: Awaited<ReturnType<typeof readAlertMetricValues>>,
  minGapMs: number,
) {
  const [latest] = await rows<{ at: string | null }>(
    tx,
    sql`SELECT max(sampled_at) AS at FROM monitoring_samples`,
  )
  if (latest?.at && now.getTime() - new Date(latest.at).getTime() < minGapMs) return
  const window = measured.windows.get(SAMPLE_WINDOW_SECONDS)
  await tx
    .insert(monitoringSamples)
    .values({
      sampledAt: now,
      queueDepth: measured.state.queueDepth,
      runsRunning: measured.state.runsRunning,
      runsQueued: measured.state.runsQueued,
      dispatchP95Ms: window?.dispatchLatencyMs.p95 ?? null,
      stepFailureRate: window?.stepFailureRate ?? null,
      deviceUtilization: measured.state.deviceUtilization,
    })
    .onConflictDoNothing()
  await tx
    .delete(monitoringSamples)
    .where(lt(monitoringSamples.sampledAt, new Date(now.getTime() - SAMPLE_RETENTION_MS)))
}
