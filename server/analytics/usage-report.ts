// Usage patterns: runs by hour of the week (local time, ISO weekday 1 = Monday), runs by trigger and
// the most-used workflows, each with how many succeeded and failed.
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import type { AnalyticsWindow } from '@/server/statistics/analytics/analytics-window'
import { successRate } from '@/server/statistics/analytics/success-rate'
import { reportRows, runsInWindow } from './analytics-sql'

export interface UsageCount {
  runs: number
  succeeded: number
  failed: number
  successRate: number | null
}

export interface UsageReport {
  /** Only cells with runs; weekday 1..7 (Monday..Sunday), hour 0..23. */
  heatmap: { weekday: number; hour: number; runs: number }[]
  byTrigger: (UsageCount & { trigger: string })[]
  /** Most runs first; workflowId null gathers runs of deleted workflows. */
  topWorkflows: (UsageCount & { workflowId: string | null; workflowName: string })[]
}

type CountRow = { runs: number; succeeded: number; failed: number; timed_out: number }

const COUNTS = sql`count(*)::int AS runs,
  count(*) FILTER (WHERE e.status = 'succeeded')::int AS succeeded,
  count(*) FILTER (WHERE e.status = 'failed')::int AS failed,
  count(*) FILTER (WHERE e.status = 'timed_out')::int AS timed_out`

export async function readUsage(db: Db, window: AnalyticsWindow, topN = 10): Promise<UsageReport> {
  const tz = window.timezone
  const [heatmap, byTrigger, topWorkflows] = await Promise.all([
    reportRows<{ weekday: number; hour: number; runs: number }>(
      db,
      sql`SELECT extract(isodow FROM e.created_at AT TIME ZONE ${tz})::int AS weekday,
                 extract(hour FROM e.created_at AT TIME ZONE ${tz})::int AS hour, count(*)::int AS runs
          FROM executions e WHERE ${runsInWindow(window)}
          GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
    reportRows<CountRow & { trigger: string }>(
      db,
      sql`SELECT e.trigger, ${COUNTS} FROM executions e WHERE ${runsInWindow(window)}
          GROUP BY e.trigger ORDER BY runs DESC, e.trigger`,
    ),
    // Grouped by id first and named after, so the run's copied definition is never read.
    reportRows<CountRow & { workflow_id: string | null; name: string | null }>(
      db,
      sql`SELECT t.*, w.name FROM (
            SELECT e.workflow_id, ${COUNTS} FROM executions e WHERE ${runsInWindow(window)}
            GROUP BY e.workflow_id ORDER BY runs DESC LIMIT ${topN}
          ) t LEFT JOIN workflows w ON w.id = t.workflow_id
          ORDER BY t.runs DESC, w.name`,
    ),
  ])
  return {
    heatmap,
    byTrigger: byTrigger.map((r) => ({ trigger: r.trigger, ...usageCount(r) })),
    topWorkflows: topWorkflows.map((r) => ({
      workflowId: r.workflow_id,
      workflowName: r.name ?? 'Deleted workflows',
      ...usageCount(r),
    })),
  }
}

function usageCount(r: CountRow): UsageCount {
  return {
    runs: r.runs,
    succeeded: r.succeeded,
    failed: r.failed,
    successRate: successRate({ succeeded: r.succeeded, failed: r.failed, timed_out: r.timed_out }),
  }
}
