// SQL fragments every analytics report shares: the run window (runs created in [from, to), optionally
// one workflow) and bucket arithmetic in the viewer's time zone.
import { isRealRun } from '@/server/platform/run-kind'
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '@/db/client'
import type { AnalyticsWindow } from '@/server/statistics/analytics/analytics-window'
import { BUCKETS_PER_E } from '@/server/statistics/analytics/log-histogram'
import { rows, timestamp } from '@/server/platform/sql-helpers'

/**
 * Runs one report query in a read-only transaction tuned for big aggregates: room to hash in memory
 * (the default 4 MB work_mem spills), no JIT (compiling costs more than it saves here), and cheap
 * tuple transfer from parallel workers, because the planner overestimates the (workflow, step,
 * bucket) groups and would otherwise scan and join a million step rows on one core
 * (bench/analytics-reports.bench.ts).
 */
export function reportRows<T>(db: Db, query: SQL): Promise<T[]> {
  return db.transaction(
    async (tx) => {
      await tx.execute(
        sql`SELECT set_config('work_mem', '128MB', true), set_config('jit', 'off', true),
                   set_config('parallel_tuple_cost', '0.001', true)`,
      )
      return rows<T>(tx, query)
    },
    { accessMode: 'read only' },
  )
}

/** `e` is the executions alias; served by executions_created_idx or executions_workflow_created_idx. */
export function runsInWindow(window: AnalyticsWindow, alias = 'e'): SQL {
  const e = sql.raw(alias)
  return sql`${e}.created_at >= ${timestamp(window.from)} AND ${e}.created_at < ${timestamp(window.to)}
    AND ${isRealRun(alias)}
    ${window.workflowId ? sql`AND ${e}.workflow_id = ${window.workflowId}` : sql``}`
}

/** The bucket a timestamp falls in, as a timestamptz starting at the local hour or midnight. */
export function bucketOf(column: SQL, window: AnalyticsWindow): SQL {
  return sql`date_trunc(${window.bucket}, ${column}, ${window.timezone})`
}

/** Duration in milliseconds between two timestamptz expressions. */
export function millisBetween(start: SQL, end: SQL): SQL {
  // date_part stays in float8; extract() computes in numeric, which is slower over a million rows.
  return sql`(date_part('epoch', ${end} - ${start}) * 1000)`
}

/** The log-histogram bucket of a duration in ms (server/statistics/analytics/log-histogram.ts); null stays null. */
export function histogramBucket(ms: SQL): SQL {
  return sql`round(ln(greatest(${ms}, 0) + 1) * ${sql.raw(String(BUCKETS_PER_E))})::int`
}

/** postgres.js hands back timestamptz as strings through drizzle's execute; numbers stay numbers. */
export function asDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value)
}
