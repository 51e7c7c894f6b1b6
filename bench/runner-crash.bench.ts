// Benchmark: 3 runner processes on one database, one killed with SIGKILL every few seconds (and
// replaced) while 500 runs execute. Counts lost and duplicated step completions (must be 0 and 0).
// Run: `npm run bench -- runner-crash` or `npx tsx bench/runner-crash.bench.ts`.
import type { ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { connectDatabase } from '../db/client'
import { startRun } from '../server/runner/run-store'
import { spawnRunnerProcess } from '../server/testing/spawn-runner-process'
import { createWorkflow } from '../server/workflows/workflow-store'
import { freshDatabase } from './bench-database'

const RUNS = Number(process.env.BENCH_CRASH_RUNS ?? 500)
const STEPS = 4
const KILL_EVERY_MS = Number(process.env.BENCH_KILL_EVERY_MS ?? 3000)
const clock = { now: () => new Date() }
const runnerEnv = { RUNNER_LEASE_MS: '1500', RUNNER_POLL_MS: '100', DEMO_LATENCY_SCALE: '0' }

export async function run(): Promise<Record<string, unknown>> {
  const target = await freshDatabase('crash')
  const database = connectDatabase(target.url, { max: 10 })
  let spawned = 0
  const spawnOne = () =>
    spawnRunnerProcess({ databaseUrl: target.url, owner: `crash-${++spawned}`, env: runnerEnv })
  const runners: ChildProcess[] = await Promise.all([spawnOne(), spawnOne(), spawnOne()])
  let kills = 0
  let killing = true
  const killer = (async () => {
    while (killing) {
      await new Promise((resolve) => setTimeout(resolve, KILL_EVERY_MS))
      if (!killing) break
      const index = Math.floor(Math.random() * runners.length)
      runners[index]?.kill('SIGKILL')
      kills++
      runners[index] = await spawnOne()
    }
  })()
  try {
    const flow = await createWorkflow(
      { db: database.db, clock },
      {
        definition: {
          name: 'Bench crash',
          steps: Array.from({ length: STEPS }, (_, i) => ({
            id: `s${i}`,
            name: `s${i}`,
            type: 'command',
            action: 'sleep',
            params: { ms: 200 },
            ...(i > 0 ? { dependencies: [`s${i - 1}`] } : {}),
          })),
        },
      },
    )
    const started = performance.now()
    for (let i = 0; i < RUNS; i++) await startRun({ db: database.db, clock }, { workflowId: flow.workflowId })
    const deadline = Date.now() + 10 * 60_000
    for (;;) {
      const [row] = await database.db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM executions WHERE status IN ('running', 'queued')`,
      )
      if ((row?.n ?? 0) === 0 || Date.now() > deadline) break
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    const seconds = (performance.now() - started) / 1000
    killing = false
    const [counts] = await database.db.execute<{
      runs_succeeded: number
      steps_succeeded: number
      completions: number
      duplicated: number
      interrupted: number
    }>(sql`
      SELECT
        (SELECT count(*)::int FROM executions WHERE status = 'succeeded') AS runs_succeeded,
        (SELECT count(*)::int FROM step_executions WHERE status = 'succeeded') AS steps_succeeded,
        (SELECT count(*)::int FROM execution_events WHERE type = 'step.succeeded') AS completions,
        (SELECT count(*)::int FROM (
          SELECT 1 FROM execution_events WHERE type = 'step.succeeded'
          GROUP BY execution_id, step_id HAVING count(*) > 1) d) AS duplicated,
        (SELECT count(*)::int FROM execution_events WHERE type = 'step.interrupted') AS interrupted`)
    const expected = RUNS * STEPS
    return {
      name: 'runner-crash',
      workload: `${RUNS} runs x ${STEPS} chained 200 ms steps on 3 runner processes; one SIGKILLed and replaced every ${KILL_EVERY_MS} ms`,
      seconds: Number(seconds.toFixed(1)),
      kills,
      runsSucceeded: counts?.runs_succeeded,
      lostStepCompletions: expected - (counts?.steps_succeeded ?? 0),
      duplicatedStepCompletions: counts?.duplicated,
      completionEvents: counts?.completions,
      interruptedAttempts: counts?.interrupted,
      expected: { runsSucceeded: RUNS, lost: 0, duplicated: 0 },
    }
  } finally {
    killing = false
    await killer.catch(() => {})
    for (const child of runners) child.kill('SIGKILL')
    await database.close()
    await target.drop()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await run(), null, 2))
}
