// Aggregates over work that finished in a recent window: step latency percentiles and failure
// rates. Both queries range over the finished_at indexes, so a window costs what it contains.
import { sql } from 'drizzle-orm'
import { rows, timestamp, type Queryable } from '@/server/runner/sql-helpers'

export interface Percentiles {
  p50: number | null
  p95: number | null
  p99: number | null
}

export interface WindowMeasurements {
  windowSeconds: number
  stepsFinished: number
  stepsFailed: number
  /** failed / (succeeded + failed); null when no step ended. */
  stepFailureRate: number | null
  /** Last-attempt duration of steps that ended succeeded or failed, milliseconds. */
  stepDurationMs: Percentiles
  /** Due → claimed wait of steps that ended in the window, milliseconds. */
  dispatchLatencyMs: Percentiles
  runsFinished: number
  runsFailed: number
  /** (failed + timed_out) / runs ended (cancelled excluded); null when no run ended. */
  runFailureRate: number | null
}

export async function measureWindow(
  db: Queryable,
  now: Date,
  windowSeconds: number,
): Promise<WindowMeasurements> {
  const from = timestamp(new Date(now.getTime() - windowSeconds * 1000))
  const to = timestamp(now)
  const [steps, runs] = await Promise.all([
    rows<Record<string, number | null>>(
      db,
      sql`WITH s AS (
            SELECT status, extract(epoch FROM finished_at - started_at) * 1000 AS duration_ms,
                   CASE WHEN started_at >= run_at THEN extract(epoch FROM started_at - run_at) * 1000 END AS dispatch_ms
            FROM step_executions
            WHERE finished_at > ${from} AND finished_at <= ${to} AND status IN ('succeeded', 'failed')
          )
          SELECT count(*)::int AS finished,
                 count(*) FILTER (WHERE status = 'failed')::int AS failed,
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms)::float8 AS d50,
                 percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms)::float8 AS d95,
                 percentile_cont(0.99) WITHIN GROUP (ORDER BY duration_ms)::float8 AS d99,
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY dispatch_ms)::float8 AS l50,
                 percentile_cont(0.95) WITHIN GROUP (ORDER BY dispatch_ms)::float8 AS l95,
                 percentile_cont(0.99) WITHIN GROUP (ORDER BY dispatch_ms)::float8 AS l99
          FROM s`,
    ),
    rows<{ finished: number; failed: number }>(
      db,
      sql`SELECT count(*)::int AS finished, count(*) FILTER (WHERE status IN ('failed', 'timed_out'))::int AS failed
          FROM executions
          WHERE finished_at > ${from} AND finished_at <= ${to} AND status <> 'cancelled'`,
    ),
  ])
  const s = steps[0] ?? {}
  const r = runs[0] ?? { finished: 0, failed: 0 }
  const finished = Number(s.finished ?? 0)
  const failed = Number(s.failed ?? 0)
  return {
    windowSeconds,
    stepsFinished: finished,
    stepsFailed: failed,
    stepFailureRate: finished > 0 ? failed / finished : null,
    stepDurationMs: { p50: s.d50 ?? null, p95: s.d95 ?? null, p99: s.d99 ?? null },
    dispatchLatencyMs: { p50: s.l50 ?? null, p95: s.l95 ?? null, p99: s.l99 ?? null },
    runsFinished: r.finished,
    runsFailed: r.failed,
    runFailureRate: r.finished > 0 ? r.failed / r.finished : null,
  }
}
