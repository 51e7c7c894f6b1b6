// Benchmark: every /analytics report over 1,000,000 step executions (200,000 runs × 5 steps, each
// step with its device command) spread over 90 days, 20 workflows and 10 devices. Seeded with
// INSERT … SELECT generate_series, then each report is timed through the tRPC caller (what the page
// waits for) for several ranges. Budget: < 1 s per report.
// Run: `npm run bench -- analytics-reports` or `npx tsx bench/analytics-reports.bench.ts`.
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { connectDatabase, type Database } from '../db/client'
import { createApiCaller } from '../server/api/root-router'
import { createLogger } from '../server/platform/logger'
import { freshDatabase } from './bench-database'

const RUNS = Number(process.env.BENCH_ANALYTICS_RUNS ?? 200_000)
const STEPS_PER_RUN = 5
const WORKFLOWS = 20
const DEVICES = 10
const RANGES = ['24h', '7d', '30d', '90d'] as const
const REPEATS = 3
const NOW = new Date()

/** Five chained steps; s3 has a generous timeout and s4 is a webhook nothing reads from. */
const definition = (n: number) => ({
  schemaVersion: 1,
  name: `Bench analytics ${n}`,
  steps: [
    { id: 's0', name: 'Checkout', type: 'command', action: 'echo' },
    { id: 's1', name: 'Build', type: 'command', action: 'echo', dependencies: ['s0'], retryPolicy: { maxAttempts: 3 } },
    { id: 's2', name: 'Test', type: 'command', action: 'echo', dependencies: ['s1'], params: { a: '{{ steps.s1.output }}' } },
    { id: 's3', name: 'Deploy', type: 'command', action: 'echo', dependencies: ['s2'], timeout: '1h' },
    { id: 's4', name: 'Notify', type: 'webhook', request: { url: 'https://example.com' }, dependencies: ['s3'] },
  ],
})

export async function seed(database: Database): Promise<Record<string, number>> {
  const { db } = database
  const started = performance.now()
  const definitions = Array.from({ length: WORKFLOWS }, (_, i) => definition(i))
  await db.execute(sql`
    WITH d AS (SELECT value AS def, ordinality AS n FROM jsonb_array_elements(${JSON.stringify(definitions)}::jsonb) WITH ORDINALITY),
    w AS (INSERT INTO workflows (name, latest_version) SELECT d.def->>'name', 1 FROM d RETURNING id, name)
    INSERT INTO workflow_versions (workflow_id, version, definition) SELECT w.id, 1, d.def FROM w JOIN d ON d.def->>'name' = w.name`)
  await db.execute(sql`
    INSERT INTO devices (id, name, token_hash, token_prefix, status)
    SELECT 'bench-' || g, 'Bench device ' || g, md5('bench' || g), 'rf_', 'online' FROM generate_series(1, ${DEVICES}) g`)
  // Runs: created uniformly over 90 days; 90% succeed, 6% fail, 2% cancelled, 1% time out, 1% running.
  await db.execute(sql`
    WITH w AS (SELECT w.id, v.definition, row_number() OVER (ORDER BY w.name) - 1 AS k
               FROM workflows w JOIN workflow_versions v ON v.workflow_id = w.id),
    r AS (SELECT g, random() AS u, ${NOW.toISOString()}::timestamptz - random() * interval '90 days' AS created,
                 (200 + random() * random() * 20000) * interval '1 millisecond' AS took
          FROM generate_series(1, ${RUNS}) g)
    INSERT INTO executions (workflow_id, workflow_version, definition, status, trigger, created_at, started_at, finished_at, last_seq)
    SELECT w.id, 1, w.definition,
           CASE WHEN r.u < 0.90 THEN 'succeeded' WHEN r.u < 0.96 THEN 'failed' WHEN r.u < 0.98 THEN 'cancelled'
                WHEN r.u < 0.99 THEN 'timed_out' ELSE 'running' END,
           (ARRAY['manual', 'schedule', 'webhook'])[1 + r.g % 3], r.created, r.created,
           CASE WHEN r.u < 0.99 THEN r.created + r.took END, 10
    FROM r JOIN w ON w.k = r.g % ${WORKFLOWS}`)
  // Steps: a failed run's s2 failed (timeout or exit_code); s1 needed a second attempt in 5% of runs.
  await db.execute(sql`
    INSERT INTO step_executions (execution_id, step_id, status, attempt, run_at, started_at, finished_at, error)
    SELECT e.id, 's' || k,
           CASE WHEN e.status = 'failed' AND k = 2 THEN 'failed' WHEN e.status = 'failed' AND k > 2 THEN 'skipped'
                WHEN e.status = 'running' AND k = 4 THEN 'running' ELSE 'succeeded' END,
           CASE WHEN k = 1 AND random() < 0.05 THEN 2 ELSE 1 END,
           e.created_at + k * interval '1 second', e.created_at + k * interval '1 second',
           CASE WHEN e.status = 'failed' AND k > 2 THEN NULL WHEN e.status = 'running' AND k = 4 THEN NULL
                ELSE e.created_at + k * interval '1 second' + (20 + random() * 2000 * (k + 1)) * interval '1 millisecond' END,
           CASE WHEN e.status = 'failed' AND k = 2 THEN
             jsonb_build_object('code', CASE WHEN random() < 0.7 THEN 'timeout' ELSE 'exit_code' END, 'message', 'bench', 'retryable', true) END
    FROM executions e CROSS JOIN generate_series(0, ${STEPS_PER_RUN - 1}) k`)
  // One device command per finished step; bench-10 fails four times as often as the others.
  await db.execute(sql`
    INSERT INTO device_commands (id, device_id, step_execution_id, attempt, action, status, created_at, started_at, finished_at, error)
    SELECT s.id || ':' || s.attempt, d.device, s.id, s.attempt, 'echo',
           CASE WHEN s.status = 'failed' OR (d.device = 'bench-10' AND random() < 0.2) THEN 'failed' ELSE 'succeeded' END,
           s.started_at, s.started_at, s.finished_at,
           CASE WHEN s.status = 'failed' THEN s.error END
    FROM step_executions s
    CROSS JOIN LATERAL (SELECT 'bench-' || (1 + abs(hashtext(s.id::text)) % ${DEVICES}) AS device) d
    WHERE s.finished_at IS NOT NULL`)
  await database.sql.unsafe('VACUUM ANALYZE')
  const [counts] = await database.sql<{ runs: number; steps: number; commands: number }[]>`
    SELECT (SELECT count(*)::int FROM executions) AS runs, (SELECT count(*)::int FROM step_executions) AS steps,
           (SELECT count(*)::int FROM device_commands) AS commands`
  return { ...counts, seedSeconds: Number(((performance.now() - started) / 1000).toFixed(1)) }
}

async function timeReports(database: Database) {
  const api = createApiCaller({ db: database.db, logger: createLogger('silent'), clock: { now: () => NOW } })
  const reports = {
    runTrend: (range: string) => api.analytics.runTrend({ range }),
    usage: (range: string) => api.analytics.usage({ range }),
    workflowDurations: (range: string) => api.analytics.workflowDurations({ range }),
    steps: (range: string) => api.analytics.steps({ range }),
    devices: (range: string) => api.analytics.devices({ range }),
    suggestions: (range: string) => api.analytics.suggestions({ range }),
  }
  const timings: Record<string, Record<string, { medianMs: number; maxMs: number }>> = {}
  let worstMs = 0
  for (const [name, report] of Object.entries(reports)) {
    timings[name] = {}
    for (const range of RANGES) {
      const samples: number[] = []
      for (let i = 0; i < REPEATS; i++) {
        const t0 = performance.now()
        await report(range)
        samples.push(performance.now() - t0)
      }
      samples.sort((a, b) => a - b)
      const round = (n: number) => Number(n.toFixed(1))
      timings[name][range] = { medianMs: round(samples[1] ?? 0), maxMs: round(samples.at(-1) ?? 0) }
      worstMs = Math.max(worstMs, samples.at(-1) ?? 0)
    }
  }
  return { timings, worstMs: Number(worstMs.toFixed(1)) }
}

export async function run(): Promise<Record<string, unknown>> {
  const target = await freshDatabase('analytics')
  const database = connectDatabase(target.url, { max: 6 })
  try {
    const seeded = await seed(database)
    const { timings, worstMs } = await timeReports(database)
    return {
      name: 'analytics-reports',
      workload: `${seeded.runs} runs × ${STEPS_PER_RUN} steps over 90 days, ${WORKFLOWS} workflows, ${DEVICES} devices; ${REPEATS} calls per report and range`,
      seeded,
      timingsMs: timings,
      worstReportMs: worstMs,
      budgetMs: 1000,
      withinBudget: worstMs < 1000,
    }
  } finally {
    await database.close()
    await target.drop()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await run(), null, 2))
