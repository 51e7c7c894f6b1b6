// Benchmark: 10,000 runs in flight on one runner process and that process's RSS (budget < 1 GiB).
// Two shapes: runs parked on wait-step timers (held in Postgres, not in memory) and runs whose
// command step is executing on a slow device (each one an in-flight attempt in the runner).
// Run: `npm run bench -- parked-runs` or `npx tsx bench/parked-runs.bench.ts`.
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { connectDatabase, type Database } from '../db/client'
import { startRun } from '../server/runner/run-store'
import { rssMiB, spawnRunnerProcess } from '../server/testing/spawn-runner-process'
import { createWorkflow } from '../server/workflows/workflow-store'
import { freshDatabase } from './bench-database'

const RUNS = Number(process.env.BENCH_PARKED_RUNS ?? 10_000)
const clock = { now: () => new Date() }

async function startMany(database: Database, workflowId: string, count: number): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < count) {
      next++
      await startRun({ db: database.db, clock }, { workflowId })
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
}

async function waitForCount(database: Database, status: string, stepId: string, count: number): Promise<number> {
  const started = performance.now()
  for (;;) {
    const [row] = await database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM step_executions WHERE status = ${status} AND step_id = ${stepId}`,
    )
    if ((row?.n ?? 0) >= count) return (performance.now() - started) / 1000
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const target = await freshDatabase('parked')
  const database = connectDatabase(target.url, { max: 10 })
  const runner = await spawnRunnerProcess({
    databaseUrl: target.url,
    owner: 'bench-parked',
    env: { RUNNER_MAX_IN_FLIGHT: String(RUNS + 100), RUNNER_POLL_MS: '100', DEMO_LATENCY_SCALE: '0' },
  })
  try {
    const deps = { db: database.db, clock }
    const timers = await createWorkflow(deps, {
      definition: {
        name: 'Bench parked on timers',
        steps: [{ id: 'pause', name: 'Pause', type: 'wait', wait: { kind: 'duration', duration: '1h' } }],
      },
    })
    const devices = await createWorkflow(deps, {
      definition: {
        name: 'Bench parked on devices',
        steps: [{ id: 'slow', name: 'Slow', type: 'command', action: 'sleep', params: { ms: 3_600_000 } }],
      },
    })
    const idleRss = rssMiB(runner.pid ?? 0)
    await startMany(database, timers.workflowId, RUNS)
    const timerSeconds = await waitForCount(database, 'waiting', 'pause', RUNS)
    const timerRss = rssMiB(runner.pid ?? 0)
    await startMany(database, devices.workflowId, RUNS)
    const deviceSeconds = await waitForCount(database, 'running', 'slow', RUNS)
    await new Promise((resolve) => setTimeout(resolve, 2000)) // let every attempt reach the device
    const deviceRss = rssMiB(runner.pid ?? 0)
    return {
      name: 'parked-runs',
      runs: RUNS,
      runnerRssIdleMiB: idleRss,
      parkedOnTimers: { runs: RUNS, rssMiB: timerRss, secondsToPark: Number(timerSeconds.toFixed(1)) },
      inFlightOnDevices: {
        runs: RUNS,
        plusParkedOnTimers: RUNS,
        rssMiB: deviceRss,
        secondsToDispatch: Number(deviceSeconds.toFixed(1)),
      },
      budget: { rssMiB: 1024 },
      withinBudget: Math.max(timerRss, deviceRss) < 1024,
    }
  } finally {
    runner.kill('SIGKILL')
    await database.close()
    await target.drop()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await run(), null, 2))
}
