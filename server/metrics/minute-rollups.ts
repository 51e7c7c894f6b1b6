// Per-minute rollups of finished work (monitoring_minute_rollups): counts and log-bucket latency
// histograms, written by the alert evaluator (one node) once a minute has settled, so a 60-minute
// window reads 60 small rows instead of every step that ended in the hour.
import { isStepOfRealRun } from '@/server/platform/run-kind'
import { sql, type SQL } from 'drizzle-orm'
import { bucketSql, type LatencyHistogram } from '@/server/statistics/monitoring/latency-histogram'
import { rows, timestamp, type Queryable } from '@/server/platform/sql-helpers'

export const MINUTE_MS = 60_000
/** A minute is rolled up this long after it ends, so steps committed late are still counted. */
export const ROLLUP_SETTLE_MS = 60_000
/** How far back missing minutes are filled in (an hour's window plus margin). */
export const ROLLUP_HORIZON_MINUTES = 120
const RETENTION_MS = 25 * 3_600_000

export interface MinuteRollup {
  minuteEnd: Date
  stepsFinished: number
  stepsFailed: number
  stepDurationHist: LatencyHistogram
  dispatchLatencyHist: LatencyHistogram
  runsFinished: number
  runsFailed: number
}

export const floorMinute = (ms: number) => Math.floor(ms / MINUTE_MS) * MINUTE_MS
export const ceilMinute = (ms: number) => Math.ceil(ms / MINUTE_MS) * MINUTE_MS

/** The minute (by its end) that holds a finished_at: rows cover (end − 1 min, end]. */
const minuteEndOf = (column: string) =>
  sql.raw(`date_trunc('minute', ${column}) + CASE WHEN ${column} = date_trunc('minute', ${column})
           THEN interval '0' ELSE interval '1 minute' END`)

export const durationMsSql = 'extract(epoch FROM finished_at - started_at) * 1000'
export const dispatchMsSql =
  'CASE WHEN started_at >= run_at THEN extract(epoch FROM started_at - run_at) * 1000 END'

/**
 * Rolls up the newest settled minutes of the last ROLLUP_HORIZON_MINUTES that have no row yet, at
 * most `maxMinutes` per call (a first start fills the hour in a few evaluator ticks). Returns how
 * many minutes it wrote.
 */
export async function rollUpMinutes(
  db: Queryable,
  now: Date,
  options: { maxMinutes?: number } = {},
): Promise<number> {
  const ends = await findMissingMinutes(db, now, options.maxMinutes ?? 60)
  if (ends.length === 0) return 0
  await db.execute(insertRollupsSql(ends, now))
  await db.execute(
    sql`DELETE FROM monitoring_minute_rollups WHERE minute_end < ${timestamp(new Date(now.getTime() - RETENTION_MS))}`,
  )
  return ends.length
}

/** Ends of the newest settled minutes in the horizon with no rollup row yet, oldest first. */
async function findMissingMinutes(db: Queryable, now: Date, maxMinutes: number): Promise<number[]> {
  const latest = floorMinute(now.getTime() - ROLLUP_SETTLE_MS)
  const earliest = latest - (ROLLUP_HORIZON_MINUTES - 1) * MINUTE_MS
  const missing = await rows<{ minute_end: string }>(
    db,
    sql`SELECT m AS minute_end FROM generate_series(${timestamp(new Date(earliest))}::timestamptz,
          ${timestamp(new Date(latest))}::timestamptz, interval '1 minute') m
        WHERE NOT EXISTS (SELECT 1 FROM monitoring_minute_rollups r WHERE r.minute_end = m)
        ORDER BY m DESC LIMIT ${maxMinutes}`,
  )
  return missing.map((m) => new Date(m.minute_end).getTime()).sort((a, b) => a - b)
}

/** Sorted minute ends as (start, end] ranges, contiguous minutes merged into one. */
function contiguousRanges(ends: readonly number[]): [number, number][] {
  const ranges: [number, number][] = []
  for (const end of ends) {
    const last = ranges[ranges.length - 1]
    if (last && last[1] === end - MINUTE_MS) last[1] = end
    else ranges.push([end - MINUTE_MS, end])
  }
  return ranges
}

/** One row per listed minute (zeros where nothing finished); a minute already rolled is left as it is. */
function insertRollupsSql(ends: readonly number[], now: Date): SQL {
  const minuteList = sql.join(
    ends.map((e) => sql`${timestamp(new Date(e))}::timestamptz`),
    sql`, `,
  )
  // Only the missing minutes are read: contiguous ones as one range, rolled ones in between skipped.
  const stepRange = sql.join(
    contiguousRanges(ends).map(
      ([a, b]) => sql`(finished_at > ${timestamp(new Date(a))} AND finished_at <= ${timestamp(new Date(b))})`,
    ),
    sql` OR `,
  )
  return sql`
    WITH minutes AS (SELECT unnest(ARRAY[${minuteList}]) AS minute_end),
    s AS (
      SELECT ${minuteEndOf('finished_at')} AS minute_end, status,
             ${sql.raw(durationMsSql)} AS duration_ms, ${sql.raw(dispatchMsSql)} AS dispatch_ms
      FROM step_executions WHERE (${stepRange}) AND status IN ('succeeded', 'failed') AND ${isStepOfRealRun()}
    ),
    counts AS (
      SELECT minute_end, count(*)::int AS finished, count(*) FILTER (WHERE status = 'failed')::int AS failed
      FROM s GROUP BY 1
    ),
    durations AS (${histogramByMinute('duration_ms')}),
    dispatches AS (${histogramByMinute('dispatch_ms')}),
    runs AS (
      SELECT ${minuteEndOf('finished_at')} AS minute_end, count(*)::int AS finished,
             count(*) FILTER (WHERE status IN ('failed', 'timed_out'))::int AS failed
      FROM executions WHERE (${stepRange}) AND status <> 'cancelled' AND kind = 'run' GROUP BY 1
    )
    INSERT INTO monitoring_minute_rollups (minute_end, steps_finished, steps_failed, step_duration_hist,
      dispatch_latency_hist, runs_finished, runs_failed, rolled_at)
    SELECT m.minute_end, coalesce(c.finished, 0), coalesce(c.failed, 0), coalesce(d.hist, '{}'),
           coalesce(w.hist, '{}'), coalesce(r.finished, 0), coalesce(r.failed, 0), ${timestamp(now)}
    FROM minutes m
    LEFT JOIN counts c ON c.minute_end = m.minute_end
    LEFT JOIN durations d ON d.minute_end = m.minute_end
    LEFT JOIN dispatches w ON w.minute_end = m.minute_end
    LEFT JOIN runs r ON r.minute_end = m.minute_end
    ON CONFLICT (minute_end) DO NOTHING`
}

function histogramByMinute(column: string): SQL {
  return sql.raw(`SELECT minute_end, jsonb_object_agg(bucket, n) AS hist FROM (
      SELECT minute_end, ${bucketSql(column)} AS bucket, count(*)::int AS n
      FROM s WHERE ${column} IS NOT NULL GROUP BY 1, 2) b GROUP BY minute_end`)
}

/** The rolled-up minutes lying wholly inside (from, to], oldest first. */
export async function readRollups(db: Queryable, from: Date, to: Date): Promise<MinuteRollup[]> {
  const first = ceilMinute(from.getTime()) + MINUTE_MS
  const last = floorMinute(to.getTime())
  if (first > last) return []
  const found = await rows<{
    minute_end: string
    steps_finished: number
    steps_failed: number
    step_duration_hist: LatencyHistogram
    dispatch_latency_hist: LatencyHistogram
    runs_finished: number
    runs_failed: number
  }>(
    db,
    sql`SELECT minute_end, steps_finished, steps_failed, step_duration_hist, dispatch_latency_hist,
               runs_finished, runs_failed
        FROM monitoring_minute_rollups
        WHERE minute_end >= ${timestamp(new Date(first))} AND minute_end <= ${timestamp(new Date(last))}
        ORDER BY minute_end`,
  )
  return found.map((r) => ({
    minuteEnd: new Date(r.minute_end),
    stepsFinished: r.steps_finished,
    stepsFailed: r.steps_failed,
    stepDurationHist: r.step_duration_hist,
    dispatchLatencyHist: r.dispatch_latency_hist,
    runsFinished: r.runs_finished,
    runsFailed: r.runs_failed,
  }))
}

/** The parts of (from, to] the rollups do not cover, as (from, to] ranges. */
export function uncoveredRanges(from: Date, to: Date, rolled: readonly MinuteRollup[]): [Date, Date][] {
  const gaps: [Date, Date][] = []
  let cursor = from.getTime()
  for (const r of rolled) {
    const start = r.minuteEnd.getTime() - MINUTE_MS
    if (start > cursor) gaps.push([new Date(cursor), new Date(start)])
    cursor = Math.max(cursor, r.minuteEnd.getTime())
  }
  if (cursor < to.getTime()) gaps.push([new Date(cursor), to])
  return gaps
}
