// Run duration percentiles per workflow (finished runs only: finished_at − started_at), slowest p95
// first; percentiles come from a 1% log histogram (server/statistics/analytics/log-histogram.ts).
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import type { AnalyticsWindow } from '@/server/statistics/analytics/analytics-window'
import { histogramPercentiles, type HistogramBin } from '@/server/statistics/analytics/log-histogram'
import { histogramBucket, millisBetween, reportRows, runsInWindow } from './analytics-sql'

export interface WorkflowDurations {
  workflowId: string | null
  workflowName: string
  runs: number
  p50Ms: number | null
  p95Ms: number | null
  p99Ms: number | null
  maxMs: number | null
}

export async function readWorkflowDurations(db: Db, window: AnalyticsWindow): Promise<WorkflowDurations[]> {
  const ms = millisBetween(sql`coalesce(e.started_at, e.created_at)`, sql`e.finished_at`)
  const found = await reportRows<{
    workflow_id: string | null
    name: string | null
    runs: number
    hist: HistogramBin[]
    max_ms: number | null
  }>(
    db,
    sql`WITH h AS MATERIALIZED (
          SELECT e.workflow_id, ${histogramBucket(ms)} AS b, count(*) AS n, max(${ms}) AS max_ms
          FROM executions e
          WHERE ${runsInWindow(window)} AND e.finished_at IS NOT NULL
          GROUP BY 1, 2
        )
        SELECT t.*, w.name FROM (
          SELECT workflow_id, sum(n)::int AS runs, max(max_ms) AS max_ms, json_agg(json_build_array(b, n)) AS hist
          FROM h GROUP BY 1
        ) t LEFT JOIN workflows w ON w.id = t.workflow_id`,
  )
  return found
    .map((r) => ({
      workflowId: r.workflow_id,
      workflowName: r.name ?? 'Deleted workflows',
      runs: r.runs,
      ...histogramPercentiles(r.hist),
      maxMs: r.max_ms,
    }))
    .sort((a, b) => (b.p95Ms ?? -1) - (a.p95Ms ?? -1) || a.workflowName.localeCompare(b.workflowName))
}
