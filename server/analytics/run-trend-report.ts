// Runs per bucket (hour or day) by final status, and the success-rate trend drawn from the same
// counts. Empty buckets are included so the chart's time axis has no holes.
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import type { AnalyticsWindow } from '@/server/statistics/analytics/analytics-window'
import { successRate } from '@/server/statistics/analytics/success-rate'
import { timestamp } from '@/server/platform/sql-helpers'
import { asDate, bucketOf, reportRows, runsInWindow } from './analytics-sql'

export interface RunTrendBucket {
  /** Bucket bounds, cut to the window at both ends. */
  start: Date
  end: Date
  total: number
  byStatus: Record<string, number>
  /** Of `byStatus.succeeded`, the runs that succeeded only because failure edges handled failures. */
  handledSuccesses: number
  /** succeeded / (succeeded + failed + timed_out); null when no run finished either way. */
  successRate: number | null
}

export interface RunTrendReport {
  bucket: AnalyticsWindow['bucket']
  buckets: RunTrendBucket[]
  totals: { runs: number; byStatus: Record<string, number>; handledSuccesses: number; successRate: number | null }
}

export async function readRunTrend(db: Db, window: AnalyticsWindow): Promise<RunTrendReport> {
  const step = sql.raw(`'1 ${window.bucket}'::interval`)
  const tz = window.timezone
  const [series, counts] = await Promise.all([
    // Local wall-clock steps, converted back to instants: a DST day is 23 or 25 hours long.
    reportRows<{ start: string; end: string }>(
      db,
      sql`SELECT (local AT TIME ZONE ${tz}) AS start, ((local + ${step}) AT TIME ZONE ${tz}) AS "end"
          FROM generate_series(
            date_trunc(${window.bucket}, ${timestamp(window.from)}, ${tz}) AT TIME ZONE ${tz},
            ${timestamp(window.to)} AT TIME ZONE ${tz}, ${step}) AS local
          WHERE (local AT TIME ZONE ${tz}) < ${timestamp(window.to)}`,
    ),
    reportRows<{ bucket: string; status: string; n: number; handled: number }>(
      db,
      sql`SELECT ${bucketOf(sql`e.created_at`, window)} AS bucket, e.status, count(*)::int AS n,
            (count(*) FILTER (WHERE e.status = 'succeeded' AND e.handled_failures > 0))::int AS handled
          FROM executions e WHERE ${runsInWindow(window)}
          GROUP BY 1, 2`,
    ),
  ])
  const byBucket = new Map<number, Record<string, number>>()
  const handledByBucket = new Map<number, number>()
  for (const c of counts) {
    const key = asDate(c.bucket).getTime()
    byBucket.set(key, { ...byBucket.get(key), [c.status]: c.n })
    handledByBucket.set(key, (handledByBucket.get(key) ?? 0) + c.handled)
  }
  const buckets = series.map((b) => {
    const start = asDate(b.start)
    const byStatus = byBucket.get(start.getTime()) ?? {}
    // The first and last buckets are cut to the window, so a drill-down lists exactly the runs counted.
    return {
      start: start < window.from ? window.from : start,
      end: asDate(b.end) > window.to ? window.to : asDate(b.end),
      byStatus,
      handledSuccesses: handledByBucket.get(start.getTime()) ?? 0,
      total: sum(byStatus),
      successRate: successRate(byStatus),
    }
  })
  const byStatus: Record<string, number> = {}
  for (const c of counts) byStatus[c.status] = (byStatus[c.status] ?? 0) + c.n
  const handledSuccesses = counts.reduce((total, c) => total + c.handled, 0)
  return {
    bucket: window.bucket,
    buckets,
    totals: { runs: sum(byStatus), byStatus, handledSuccesses, successRate: successRate(byStatus) },
  }
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0)
