// Per-step statistics of the runs in a window, keyed by workflow and step id: attempts that ended
// (succeeded or failed), failures with their error codes, duration percentiles and retries. One
// aggregate feeds the failing-steps and slowest-steps reports and the optimization suggestions.
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import type { AnalyticsWindow } from '@/server/statistics/analytics/analytics-window'
import type { StepStats } from '@/server/statistics/monitoring/workflow-suggestions'
import { histogramPercentiles, type HistogramBin } from '@/server/statistics/analytics/log-histogram'
import { histogramBucket, millisBetween, reportRows, runsInWindow } from './analytics-sql'

export interface WorkflowStepStats extends StepStats {
  workflowId: string | null
}

type StatsRow = {
  workflow_id: string | null
  step_id: string
  runs: number
  failed: number
  hist: HistogramBin[] | null
  retried: number
  second: number
}
type CodeRow = { workflow_id: string | null; step_id: string; code: string; n: number }

export async function readStepStats(db: Db, window: AnalyticsWindow): Promise<WorkflowStepStats[]> {
  // Two statements on two connections: the failed rows are few (step_executions_failed_idx), and
  // keeping them out of the big aggregate lets it stream without materializing a CTE.
  const [stats, codes] = await Promise.all([
    // Counted per duration bucket first (a hash aggregate, no sort), then folded per step. The CTE is
    // materialized so the planner cannot turn both levels into one sort of every row.
    reportRows<StatsRow>(
      db,
      sql`WITH h AS MATERIALIZED (
            SELECT e.workflow_id, s.step_id, ${histogramBucket(millisBetween(sql`s.started_at`, sql`s.finished_at`))} AS b,
                   count(*) AS n, count(*) FILTER (WHERE s.status = 'failed') AS failed,
                   count(*) FILTER (WHERE s.attempt > 1) AS retried,
                   count(*) FILTER (WHERE s.attempt = 2 AND s.status = 'succeeded') AS second
            FROM executions e JOIN step_executions s ON s.execution_id = e.id
            WHERE ${runsInWindow(window)} AND s.status IN ('succeeded', 'failed')
            GROUP BY 1, 2, 3
          )
          SELECT workflow_id, step_id, sum(n)::int AS runs, sum(failed)::int AS failed,
                 sum(retried)::int AS retried, sum(second)::int AS second,
                 json_agg(json_build_array(b, n)) FILTER (WHERE b IS NOT NULL) AS hist
          FROM h GROUP BY 1, 2`,
    ),
    reportRows<CodeRow>(
      db,
      sql`SELECT e.workflow_id, s.step_id, s.error->>'code' AS code, count(*)::int AS n
          FROM executions e JOIN step_executions s ON s.execution_id = e.id
          WHERE ${runsInWindow(window)} AND s.status = 'failed' AND s.error->>'code' IS NOT NULL
          GROUP BY 1, 2, 3`,
    ),
  ])
  const key = (r: { workflow_id: string | null; step_id: string }) => `${r.workflow_id ?? ''}/${r.step_id}`
  const codesByStep = new Map<string, { code: string; count: number }[]>()
  for (const c of codes) codesByStep.set(key(c), [...(codesByStep.get(key(c)) ?? []), { code: c.code, count: c.n }])
  return stats
    .map((r) => ({
      workflowId: r.workflow_id,
      stepId: r.step_id,
      runs: r.runs,
      failed: r.failed,
      ...histogramPercentiles(r.hist ?? []),
      retried: r.retried,
      succeededOnSecondAttempt: r.second,
      errorCodes: (codesByStep.get(key(r)) ?? []).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    }))
    .sort((a, b) => (a.workflowId ?? '').localeCompare(b.workflowId ?? '') || a.stepId.localeCompare(b.stepId))
}
