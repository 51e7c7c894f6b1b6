// Aggregates over work that finished in a recent window: step latency percentiles and failure
// rates. A small window is read exactly from step_executions (over the finished_at index); a busy
// one from the per-minute rollups inside it plus the raw edges they do not cover, with percentiles
// from merged log-bucket histograms (within about 1 %) and exact counts.
import { isStepOfRealRun } from '@/server/platform/run-kind'
import { sql } from 'drizzle-orm'
import {
  bucketSql,
  histogramQuantile,
  mergeHistograms,
  type LatencyHistogram,
} from '@/server/statistics/monitoring/latency-histogram'
import { rows, timestamp, type Queryable } from '@/server/platform/sql-helpers'
import { dispatchMsSql, durationMsSql, readRollups, uncoveredRanges } from './minute-rollups'

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

/** Below this many steps in the rolled-up minutes, the window is read exactly (it is cheap then). */
export const EXACT_BELOW_STEPS = 100_000

export async function measureWindow(
  db: Queryable,
  now: Date,
  windowSeconds: number,
  options: { exactBelowSteps?: number } = {},
): Promise<WindowMeasurements> {
  const from = new Date(now.getTime() - windowSeconds * 1000)
  const rolled = await readRollups(db, from, now)
  const rolledSteps = rolled.reduce((sum, r) => sum + r.stepsFinished, 0)
  if (rolled.length === 0 || rolledSteps < (options.exactBelowSteps ?? EXACT_BELOW_STEPS))
    return measureWindowRaw(db, now, windowSeconds)
  const edges = await measureRanges(db, uncoveredRanges(from, now, rolled))
  const parts = [...rolled, edges]
  const sum = (pick: (p: (typeof parts)[number]) => number) => parts.reduce((total, p) => total + pick(p), 0)
  const durations = mergeHistograms(parts.map((p) => p.stepDurationHist))
  const dispatches = mergeHistograms(parts.map((p) => p.dispatchLatencyHist))
  const percentiles = (h: LatencyHistogram): Percentiles => ({
    p50: histogramQuantile(h, 0.5),
    p95: histogramQuantile(h, 0.95),
    p99: histogramQuantile(h, 0.99),
  })
  return summarize(windowSeconds, {
    stepsFinished: sum((p) => p.stepsFinished),
    stepsFailed: sum((p) => p.stepsFailed),
    stepDurationMs: percentiles(durations),
    dispatchLatencyMs: percentiles(dispatches),
    runsFinished: sum((p) => p.runsFinished),
    runsFailed: sum((p) => p.runsFailed),
  })
}

type Counted = Pick<
  WindowMeasurements,
  'stepsFinished' | 'stepsFailed' | 'stepDurationMs' | 'dispatchLatencyMs' | 'runsFinished' | 'runsFailed'
>

function summarize(windowSeconds: number, c: Counted): WindowMeasurements {
  return {
    windowSeconds,
    ...c,
    stepFailureRate: c.stepsFinished > 0 ? c.stepsFailed / c.stepsFinished : null,
    runFailureRate: c.runsFinished > 0 ? c.runsFailed / c.runsFinished : null,
  }
}

/** Counts and histograms of work that finished in any of the (from, to] ranges. */
async function measureRanges(db: Queryable, ranges: [Date, Date][]) {
  const empty = {
    stepsFinished: 0,
    stepsFailed: 0,
    stepDurationHist: {} as LatencyHistogram,
    dispatchLatencyHist: {} as LatencyHistogram,
    runsFinished: 0,
    runsFailed: 0,
  }
  if (ranges.length === 0) return empty
  const inRanges = sql.join(
    ranges.map(([a, b]) => sql`(finished_at > ${timestamp(a)} AND finished_at <= ${timestamp(b)})`),
    sql` OR `,
  )
  const [steps, runs] = await Promise.all([
    rows<{ part: 'count' | 'duration' | 'dispatch'; bucket: number | null; n: number; failed: number }>(
      db,
      sql`WITH s AS (
            SELECT status, ${sql.raw(durationMsSql)} AS duration_ms, ${sql.raw(dispatchMsSql)} AS dispatch_ms
            FROM step_executions WHERE (${inRanges}) AND status IN ('succeeded', 'failed') AND ${isStepOfRealRun()}
          )
          SELECT 'count' AS part, NULL::int AS bucket, count(*)::int AS n,
                 count(*) FILTER (WHERE status = 'failed')::int AS failed FROM s
          UNION ALL
          SELECT 'duration', ${sql.raw(bucketSql('duration_ms'))}, count(*)::int, 0 FROM s
            WHERE duration_ms IS NOT NULL GROUP BY 2
          UNION ALL
          SELECT 'dispatch', ${sql.raw(bucketSql('dispatch_ms'))}, count(*)::int, 0 FROM s
            WHERE dispatch_ms IS NOT NULL GROUP BY 2`,
    ),
    rows<{ finished: number; failed: number }>(
      db,
      sql`SELECT count(*)::int AS finished, count(*) FILTER (WHERE status IN ('failed', 'timed_out'))::int AS failed
          FROM executions WHERE (${inRanges}) AND status <> 'cancelled' AND kind = 'run'`,
    ),
  ])
  const result = { ...empty, runsFinished: runs[0]?.finished ?? 0, runsFailed: runs[0]?.failed ?? 0 }
  for (const r of steps) {
    if (r.part === 'count') {
      result.stepsFinished = r.n
      result.stepsFailed = r.failed
    } else if (r.part === 'duration') result.stepDurationHist[String(r.bucket)] = r.n
    else result.dispatchLatencyHist[String(r.bucket)] = r.n
  }
  return result
}

/** The window read exactly from step_executions: exact percentiles, a sort of every step in it. */
export async function measureWindowRaw(
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
              AND ${isStepOfRealRun()}
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
          WHERE finished_at > ${from} AND finished_at <= ${to} AND status <> 'cancelled' AND kind = 'run'`,
    ),
  ])
  const s = steps[0] ?? {}
  const r = runs[0] ?? { finished: 0, failed: 0 }
  return summarize(windowSeconds, {
    stepsFinished: Number(s.finished ?? 0),
    stepsFailed: Number(s.failed ?? 0),
    stepDurationMs: { p50: s.d50 ?? null, p95: s.d95 ?? null, p99: s.d99 ?? null },
    dispatchLatencyMs: { p50: s.l50 ?? null, p95: s.l95 ?? null, p99: s.l99 ?? null },
    runsFinished: r.finished,
    runsFailed: r.failed,
  })
}
