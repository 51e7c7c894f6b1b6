// Benchmark: the monitoring page's 60-minute window at 1,000,000 step executions in that hour
// (budget < 1 s). Seeds the rows with INSERT ... SELECT generate_series, then times the window read
// straight from step_executions (the old path) and from per-minute rollups plus the raw edges
// (the page's path), and how far the rollup percentiles are from the exact ones.
// Run: `npm run bench -- monitoring-window` or `npx tsx bench/monitoring-window.bench.ts`.
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { connectDatabase, type Database } from '../db/client'
import { rollUpMinutes } from '../server/metrics/minute-rollups'
import {
  measureWindow,
  measureWindowRaw,
  type WindowMeasurements,
} from '../server/metrics/window-measurements'
import { freshDatabase } from './bench-database'

const STEPS = Number(process.env.BENCH_WINDOW_STEPS ?? 1_000_000)
const STEPS_PER_RUN = 10
const REPEAT = 3

/** 1 M steps finishing evenly over the hour before `now`, 10 per run, 2 % failed, skewed durations, a small output each. */
async function seed(database: Database, now: Date): Promise<void> {
  const runs = Math.ceil(STEPS / STEPS_PER_RUN)
  const nowIso = now.toISOString()
  await database.db.execute(sql`
    INSERT INTO executions (id, workflow_version, definition, status, created_at, started_at, finished_at)
    SELECT md5('run' || i)::uuid, 1, '{"schemaVersion":1,"name":"bench","steps":[]}'::jsonb,
           CASE WHEN i % 50 = 0 THEN 'failed' ELSE 'succeeded' END,
           ${nowIso}::timestamptz - make_interval(secs => 3600.0 * i / ${runs}) - interval '30 seconds',
           ${nowIso}::timestamptz - make_interval(secs => 3600.0 * i / ${runs}) - interval '30 seconds',
           ${nowIso}::timestamptz - make_interval(secs => 3600.0 * i / ${runs})
    FROM generate_series(0, ${runs - 1}) i`)
  await database.db.execute(sql`
    INSERT INTO step_executions (execution_id, step_id, status, attempt, run_at, started_at, finished_at, output)
    SELECT md5('run' || (n / ${STEPS_PER_RUN}))::uuid, 's' || (n % ${STEPS_PER_RUN}),
           CASE WHEN n % 50 = 7 THEN 'failed' ELSE 'succeeded' END, 1,
           f - make_interval(secs => d) - make_interval(secs => w), f - make_interval(secs => d), f,
           jsonb_build_object('text', 'step output of a typical command ' || n, 'exitCode', 0)
    FROM (
      SELECT n, ${nowIso}::timestamptz - make_interval(secs => 3600.0 * n / ${STEPS}) AS f,
             exp(ln(0.05) + 4 * power(((n * 7919) % 1000) / 1000.0, 2)) AS d,
             0.001 + ((n * 104729) % 1000) / 100000.0 AS w
      FROM generate_series(0::bigint, ${STEPS - 1}) n
    ) s`)
  await database.db.execute(sql`ANALYZE executions`)
  await database.db.execute(sql`ANALYZE step_executions`)
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now()
  const value = await fn()
  return { ms: Number((performance.now() - started).toFixed(1)), value }
}

async function best<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T; allMs: number[] }> {
  const all: { ms: number; value: T }[] = []
  for (let i = 0; i < REPEAT; i++) all.push(await timed(fn))
  const sorted = [...all].sort((a, b) => a.ms - b.ms)
  const median = sorted[Math.floor(sorted.length / 2)] as { ms: number; value: T }
  return { ...median, allMs: all.map((a) => a.ms) }
}

/** Relative error of each percentile of the rollup read against the exact one. */
function percentileErrors(exact: WindowMeasurements, fast: WindowMeasurements) {
  const rel = (a: number | null, b: number | null) =>
    a === null || b === null ? null : Number((Math.abs(b - a) / Math.max(Math.abs(a), 1e-9)).toFixed(4))
  return {
    stepDurationP50: rel(exact.stepDurationMs.p50, fast.stepDurationMs.p50),
    stepDurationP95: rel(exact.stepDurationMs.p95, fast.stepDurationMs.p95),
    stepDurationP99: rel(exact.stepDurationMs.p99, fast.stepDurationMs.p99),
    dispatchP50: rel(exact.dispatchLatencyMs.p50, fast.dispatchLatencyMs.p50),
    dispatchP95: rel(exact.dispatchLatencyMs.p95, fast.dispatchLatencyMs.p95),
    dispatchP99: rel(exact.dispatchLatencyMs.p99, fast.dispatchLatencyMs.p99),
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const target = await freshDatabase('window')
  const database = connectDatabase(target.url, { max: 4 })
  try {
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 30_000)
    const seeded = await timed(() => seed(database, now))
    const raw = await best(() => measureWindowRaw(database.db, now, 3600))
    const backfill = await timed(() => rollUpMinutes(database.db, now, { maxMinutes: 120 }))
    // One evaluator tick's share: rolling up the next minute of ~16,700 steps.
    await database.db.execute(sql`DELETE FROM monitoring_minute_rollups WHERE minute_end = (
      SELECT max(minute_end) FROM monitoring_minute_rollups)`)
    const oneMinute = await timed(() => rollUpMinutes(database.db, now))
    const rolled = await best(() => measureWindow(database.db, now, 3600))
    const fiveMinutes = await best(() => measureWindow(database.db, now, 300))
    return {
      name: 'monitoring-window',
      stepsInWindow: raw.value.stepsFinished,
      seedSeconds: Number((seeded.ms / 1000).toFixed(1)),
      window60m: {
        rawMs: raw.ms,
        rawRunsMs: raw.allMs,
        rollupMs: rolled.ms,
        rollupRunsMs: rolled.allMs,
        speedup: Number((raw.ms / rolled.ms).toFixed(1)),
      },
      window5mRollupMs: fiveMinutes.ms,
      rollup: { backfillMinutes: backfill.value, backfillMs: backfill.ms, oneMinuteMs: oneMinute.ms },
      countsEqual:
        raw.value.stepsFinished === rolled.value.stepsFinished &&
        raw.value.stepsFailed === rolled.value.stepsFailed &&
        raw.value.runsFinished === rolled.value.runsFinished &&
        raw.value.runsFailed === rolled.value.runsFailed,
      percentileRelativeError: percentileErrors(raw.value, rolled.value),
      budget: { window60mMs: 1000 },
      withinBudget: rolled.ms < 1000,
    }
  } finally {
    await database.close()
    await target.drop()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await run(), null, 2))
}
