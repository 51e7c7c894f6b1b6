// The workflows whose runs failed (or timed out) in a window, most failures first, with the newest
// failed run of each, so the home page can say what is broken and link straight to it.
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import type { AnalyticsWindow } from '@/server/statistics/analytics/analytics-window'
import { asDate, reportRows, runsInWindow } from './analytics-sql'

export interface FailingWorkflow {
  /** null gathers runs of deleted workflows. */
  workflowId: string | null
  workflowName: string
  /** Runs that ended failed or timed out. */
  failed: number
  /** All runs in the window, to put the failures in proportion. */
  runs: number
  lastFailedAt: Date
  lastFailedRunId: string
}

type FailingRow = {
  workflow_id: string | null
  name: string | null
  failed: number
  runs: number
  last_failed_at: string | Date
  last_failed_run_id: string
}

const FAILURE = sql`e.status IN ('failed', 'timed_out')`

export async function readFailingWorkflows(
  db: Db,
  window: AnalyticsWindow,
  limit: number,
): Promise<FailingWorkflow[]> {
  // Grouped by id first and named after, so no run's copied definition is read.
  const found = await reportRows<FailingRow>(
    db,
    sql`SELECT t.*, w.name FROM (
          SELECT e.workflow_id,
                 count(*) FILTER (WHERE ${FAILURE})::int AS failed,
                 count(*)::int AS runs,
                 max(e.created_at) FILTER (WHERE ${FAILURE}) AS last_failed_at,
                 (array_agg(e.id ORDER BY e.created_at DESC, e.id DESC) FILTER (WHERE ${FAILURE}))[1] AS last_failed_run_id
          FROM executions e WHERE ${runsInWindow(window)}
          GROUP BY e.workflow_id
          HAVING count(*) FILTER (WHERE ${FAILURE}) > 0
          ORDER BY failed DESC, last_failed_at DESC LIMIT ${limit}
        ) t LEFT JOIN workflows w ON w.id = t.workflow_id
        ORDER BY t.failed DESC, t.last_failed_at DESC`,
  )
  return found.map((r) => ({
    workflowId: r.workflow_id,
    workflowName: r.name ?? 'Deleted workflows',
    failed: r.failed,
    runs: r.runs,
    lastFailedAt: asDate(r.last_failed_at),
    lastFailedRunId: r.last_failed_run_id,
  }))
}
