// Benchmark: a run's life end to end. Signed `POST /api/hooks/<token>?wait=` against the real
// server (server/main.ts in its own process) → a 3-step workflow → the result in the HTTP answer,
// driven by autocannon at several concurrencies after a warm-up. Two workflows: 3 `echo` commands
// on an agent in another process, and 3 device-less `transform` steps (skipped while the server
// does not know that step type). Per scenario: req/s, latency, non-2xx, runs stored vs answers, and
// per run the commits, rows and CPU (server from /proc, PostgreSQL backends from /proc) it cost.
// Budgets: issue 14 / DESIGN.md §9, reported beside the figures, not asserted.
// Run: `npm run bench -- webhook-e2e`; quick: BENCH_WEBHOOK_WARMUP_S=1 BENCH_WEBHOOK_DURATION_S=3.
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import postgres from 'postgres'
import { freshDatabase } from './bench-database'
import { watchPostgres, type ActivityDelta, type PostgresActivity } from './postgres-activity'
import { processCpuMs } from './process-cpu'
import {
  type BenchHook,
  type BenchServer,
  callHookOnce,
  createHookedWorkflow,
  echoWorkflow,
  EXPECTED_RESULT,
  nonceBody,
  signedHeaders,
  startBenchAgent,
  startBenchServer,
  transformWorkflow,
} from './webhook-bench-setup'

const env = process.env
const WARMUP_S = Number(env.BENCH_WEBHOOK_WARMUP_S ?? 5)
const DURATION_S = Number(env.BENCH_WEBHOOK_DURATION_S ?? 15)
const CONNECTIONS = (env.BENCH_WEBHOOK_CONNECTIONS ?? '1,10,50').split(',').map(Number)
const WORKFLOWS = (env.BENCH_WEBHOOK_WORKFLOWS ?? 'echo,transform').split(',').map((w) => w.trim())
const PORT = Number(env.BENCH_WEBHOOK_PORT ?? 3190)
/** Without `web` the server needs no built web app; tRPC and webhooks are served by every process. */
const ROLES = env.BENCH_WEBHOOK_ROLES ?? 'runner,gateway,scheduler'
const AGENT_CONCURRENCY = Number(env.BENCH_AGENT_CONCURRENCY ?? 64)
/** `?wait=` is in whole seconds (at most 30). */
const WAIT_SECONDS = 30
/** Top statements per scenario from pg_stat_statements, when PostgreSQL has it preloaded. */
const WITH_STATEMENTS = env.BENCH_WEBHOOK_STATEMENTS === '1'

type WorkflowKind = 'echo' | 'transform'

const BUDGETS: Record<WorkflowKind, Record<number, Record<string, number>>> = {
  transform: {
    1: { p50Ms: 10, p99Ms: 25 },
    10: { minRequestsPerSecond: 400, p99Ms: 60, commitsPerRun: 12, postgresCpuMsPerRun: 4 },
    50: { minRequestsPerSecond: 400 },
  },
  echo: {
    10: { minRequestsPerSecond: 150, commitsPerRun: 12, postgresCpuMsPerRun: 4 },
    50: { minRequestsPerSecond: 150 },
  },
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits))
const perRun = (n: number | null, runs: number) => (n === null || runs === 0 ? null : round(n / runs, 2))
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

type Probe = {
  activity: PostgresActivity
  server: BenchServer
  agentPid?: number
  runs: postgres.Sql
  idle: Idle
}

type Sample = {
  at: number
  activity: Awaited<ReturnType<PostgresActivity['snapshot']>>
  serverCpuMs: number
  agentCpuMs: number
  runs: { stored: number; succeeded: number }
}

async function sample(probe: Omit<Probe, 'idle'>, workflowId: string | undefined): Promise<Sample> {
  const [runs] = await probe.runs<{ stored: number; succeeded: number }[]>`
    SELECT count(*)::int AS stored, count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded
    FROM executions WHERE workflow_id = ${workflowId ?? null}::uuid`
  return {
    at: performance.now(),
    activity: await probe.activity.snapshot(),
    serverCpuMs: processCpuMs(probe.server.pid) ?? 0,
    agentCpuMs: probe.agentPid === undefined ? 0 : (processCpuMs(probe.agentPid) ?? 0),
    runs: runs ?? { stored: 0, succeeded: 0 },
  }
}

/** Until no run of the workflow is in flight, then long enough for backends to flush their statistics (≥ 1 s). */
async function settle(probe: Probe, workflowId: string): Promise<void> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    const [row] = await probe.runs<{ n: number }[]>`
      SELECT count(*)::int AS n FROM executions WHERE workflow_id = ${workflowId}::uuid AND status IN ('queued', 'running')`
    if ((row?.n ?? 0) === 0) break
    await sleep(100)
  }
  await sleep(1500)
}

function drive(hook: BenchHook, connections: number, seconds: number, expected: string) {
  return autocannon({
    url: `${hook.url}?wait=${WAIT_SECONDS}`,
    method: 'POST',
    connections,
    duration: seconds,
    timeout: WAIT_SECONDS + 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const body = nonceBody()
          return { ...request, headers: signedHeaders(hook.secret, body), body }
        },
      },
    ],
    // A 2xx without the computed result (the wait timed out, the run failed) counts as a mismatch.
    verifyBody: (answer) =>
      typeof answer === 'string' && answer.includes('"status":"succeeded"') && answer.includes(expected),
  })
}

type Idle = Awaited<ReturnType<typeof measureIdle>>

function costPerRun(
  delta: ActivityDelta,
  runs: number,
  seconds: number,
  idle: Idle,
  cpu: { serverMs: number; agentMs: number | undefined },
) {
  const lessIdle = (total: number | null, idlePerSecond: number | null) =>
    total === null || idlePerSecond === null ? null : perRun(total - idlePerSecond * seconds, runs)
  return {
    commits: perRun(delta.commits, runs),
    rollbacks: perRun(delta.rollbacks, runs),
    rowsInserted: perRun(delta.inserted, runs),
    rowsUpdated: perRun(delta.updated, runs),
    rowsDeleted: perRun(delta.deleted, runs),
    rowsRead: perRun(delta.read, runs),
    serverCpuMs: perRun(cpu.serverMs, runs),
    postgresCpuMs: perRun(delta.databaseCpuMs, runs),
    /** Every postmaster child, incl. WAL writer and other databases' backends (a shared server adds others' work). */
    postgresAllProcessesCpuMs: perRun(delta.allBackendsCpuMs, runs),
    ...(cpu.agentMs === undefined ? {} : { agentCpuMs: perRun(cpu.agentMs, runs) }),
    /** The same less what the idle server costs over as long (its pollers); matters most at -c 1. */
    lessIdle: {
      commits: lessIdle(delta.commits, idle.commitsPerSecond),
      serverCpuMs: lessIdle(cpu.serverMs, idle.serverCpuMsPerSecond),
      postgresCpuMs: lessIdle(delta.databaseCpuMs, idle.postgresCpuMsPerSecond),
    },
  }
}

async function runScenario(probe: Probe, kind: WorkflowKind, hook: BenchHook, connections: number) {
  const expected = `"result":${EXPECTED_RESULT}`
  if (WARMUP_S > 0) await drive(hook, connections, WARMUP_S, expected)
  await settle(probe, hook.workflowId)
  if (WITH_STATEMENTS) await probe.activity.statements.reset()
  const loadBefore = os.loadavg()[0] ?? 0
  const before = await sample(probe, hook.workflowId)
  const result = await drive(hook, connections, DURATION_S, expected)
  const loadAfter = os.loadavg()[0] ?? 0
  await settle(probe, hook.workflowId)
  const after = await sample(probe, hook.workflowId)
  const runs = after.runs.stored - before.runs.stored
  const delta = probe.activity.delta(before.activity, after.activity)
  const answered2xx = result['2xx']
  return {
    workflow: kind,
    connections,
    seconds: result.duration,
    requestsPerSecond: round(answered2xx / result.duration),
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    answered2xx,
    non2xx: result.non2xx,
    wrongAnswers: result.mismatches,
    errors: result.errors,
    timeouts: result.timeouts,
    runsStored: runs,
    runsSucceeded: after.runs.succeeded - before.runs.succeeded,
    perRun: costPerRun(delta, runs, (after.at - before.at) / 1000, probe.idle, {
      serverMs: after.serverCpuMs - before.serverCpuMs,
      agentMs: kind === 'echo' ? after.agentCpuMs - before.agentCpuMs : undefined,
    }),
    loadAverage1m: { before: round(loadBefore, 2), after: round(loadAfter, 2) },
    ...(BUDGETS[kind][connections] ? { budget: BUDGETS[kind][connections] } : {}),
    ...(WITH_STATEMENTS ? { topStatements: await probe.activity.statements.top(15) } : {}),
  }
}

/** What the server does with no requests: its pollers' commits and CPU per second, to read the per-run figures against. */
async function measureIdle(probe: Omit<Probe, 'idle'>, seconds = 5) {
  await sleep(1500)
  const before = await sample(probe, undefined)
  await sleep(seconds * 1000)
  const after = await sample(probe, undefined)
  const elapsed = (after.at - before.at) / 1000
  const delta = probe.activity.delta(before.activity, after.activity)
  const rate = (n: number | null) => (n === null ? null : round(n / elapsed, 2))
  return {
    seconds: round(elapsed),
    commitsPerSecond: rate(delta.commits),
    rowsUpdatedPerSecond: rate(delta.updated),
    serverCpuMsPerSecond: rate(after.serverCpuMs - before.serverCpuMs),
    postgresCpuMsPerSecond: rate(delta.databaseCpuMs),
  }
}

async function prepareHook(server: BenchServer, kind: WorkflowKind, tag: string) {
  const created = await createHookedWorkflow(
    server,
    kind === 'echo' ? echoWorkflow(tag) : transformWorkflow(),
  )
  if ('refused' in created) {
    if (kind === 'transform') return { skipped: 'transform step type not available', reason: created.refused }
    throw new Error(`the server refused the ${kind} workflow: ${created.refused}`)
  }
  // The first call proves the workflow computes the expected result before any load.
  const first = await callHookOnce(created, WAIT_SECONDS)
  if (first.httpStatus !== 200 || first.result !== EXPECTED_RESULT) {
    if (kind === 'transform')
      return {
        skipped: 'transform step type not available',
        reason: `first call answered ${JSON.stringify(first.answer)}`,
      }
    throw new Error(
      `the ${kind} workflow answered ${first.httpStatus} ${JSON.stringify(first.answer)}, not result ${EXPECTED_RESULT}`,
    )
  }
  return created
}

export async function run(): Promise<Record<string, unknown>> {
  const target = await freshDatabase('webhook')
  const activity = await watchPostgres(target.url)
  const runs = postgres(target.url, { max: 1, onnotice: () => {} })
  let server: BenchServer | undefined
  let agent: Awaited<ReturnType<typeof startBenchAgent>> | undefined
  try {
    server = await startBenchServer({
      databaseUrl: target.url,
      port: PORT,
      roles: ROLES,
      dataDir: '.data/bench-webhook',
      logLevel: env.BENCH_WEBHOOK_LOG_LEVEL ?? 'warn',
    })
    const tag = `bench${process.pid}`
    if (WORKFLOWS.includes('echo'))
      agent = await startBenchAgent(server, { tag, concurrency: AGENT_CONCURRENCY })
    const base = { activity, server, runs, ...(agent ? { agentPid: agent.pid } : {}) }
    const statements = WITH_STATEMENTS ? await activity.statements.available() : undefined
    const idle = await measureIdle(base)
    const probe: Probe = { ...base, idle }
    const scenarios: Record<string, unknown>[] = []
    for (const kind of WORKFLOWS as WorkflowKind[]) {
      const hook = await prepareHook(server, kind, tag)
      if ('skipped' in hook) {
        scenarios.push({ workflow: kind, ...hook })
        continue
      }
      for (const connections of CONNECTIONS) scenarios.push(await runScenario(probe, kind, hook, connections))
    }
    return {
      name: 'webhook-e2e',
      workload: `signed POST ?wait=${WAIT_SECONDS} → 3-step workflow → result in the answer; autocannon ${WARMUP_S} s warm-up + ${DURATION_S} s per concurrency`,
      server: {
        roles: ROLES,
        auth: 'on',
        demoDevices: false,
        agentConcurrency: AGENT_CONCURRENCY,
        database: redactedDatabase(target.url),
      },
      cpus: os.cpus().length,
      /** Per-run figures are deltas over the measured window divided by the runs it stored; they include the idle background below. */
      idle,
      ...(statements === undefined ? {} : { pgStatStatements: statements === true ? 'on' : statements }),
      scenarios,
    }
  } finally {
    await agent?.stop()
    await server?.stop()
    await runs.end({ timeout: 5 })
    await activity.close()
    await target.drop()
  }
}

function redactedDatabase(url: string): string {
  const parsed = new URL(url)
  parsed.password = ''
  return `${parsed.host}${parsed.pathname}`
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await run(), null, 2))
}
