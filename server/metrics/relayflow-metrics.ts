// The prom-client registry behind GET /metrics. Gauges are read from Postgres on scrape; finished
// steps and runs are folded into counters and histograms incrementally (a watermark on finished_at),
// so Prometheus' rate() and histogram_quantile() work. The rendered text is cached for `cacheMs`.
import client from 'prom-client'
import type { Db } from '@/db/client'
import type { Clock } from '@/server/platform/clock'
import { readFinishedRuns, readFinishedSteps } from './finished-work-queries'
import { readSystemState, type SystemState } from './system-state-queries'

export interface MetricsOptions {
  db: Db
  clock: Clock
  /** How long a rendered scrape is reused; several Prometheus servers scraping stay cheap. */
  cacheMs?: number
  /** Work is counted once it finished this long ago, so late commits are not skipped by the watermark. */
  settleMs?: number
  /** Most finished rows folded in per scrape (the rest follows on the next scrape). */
  maxRowsPerScrape?: number
  /** Default process metrics (event-loop lag, memory, GC), shared by every registry in the process. */
  processMetrics?: boolean
  /** Open socket.io connections of this process per namespace (`/live` browsers, `/devices` agents). */
  socketConnections?: () => Record<string, number>
}

export interface RelayflowMetrics {
  registry: client.Registry
  render(): Promise<string>
  contentType: string
}

/** Distinct `action` label values one process reports at most; later ones count as `other`. */
export const MAX_ACTION_LABELS = 100

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600]
const DISPATCH_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
const RUN_BUCKETS = [0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600, 14_400, 86_400]

export function createRelayflowMetrics(options: MetricsOptions): RelayflowMetrics {
  const { db, clock } = options
  const cacheMs = options.cacheMs ?? 5000
  const settleMs = options.settleMs ?? 2000
  const maxRows = options.maxRowsPerScrape ?? 50_000
  const registry = new client.Registry()
  const withProcessMetrics = options.processMetrics ?? true
  const registers = [registry]

  const stepDuration = new client.Histogram({
    name: 'relayflow_step_duration_seconds',
    help: 'Duration of finished steps (last attempt), by step type, action and final status',
    labelNames: ['type', 'action', 'status'],
    buckets: DURATION_BUCKETS,
    registers,
  })
  const dispatchLatency = new client.Histogram({
    name: 'relayflow_step_dispatch_latency_seconds',
    help: 'Time a due step waited before a runner claimed it (started_at - run_at), by step type',
    labelNames: ['type'],
    buckets: DISPATCH_BUCKETS,
    registers,
  })
  const stepsFinished = new client.Counter({
    name: 'relayflow_steps_finished_total',
    help: 'Steps that reached a final status since this process started counting',
    labelNames: ['status'],
    registers,
  })
  const runDuration = new client.Histogram({
    name: 'relayflow_run_duration_seconds',
    help: 'Duration of finished runs, by final status',
    labelNames: ['status'],
    buckets: RUN_BUCKETS,
    registers,
  })
  const runsFinished = new client.Counter({
    name: 'relayflow_runs_finished_total',
    help: 'Runs that reached a final status since this process started counting',
    labelNames: ['status'],
    registers,
  })
  const runsActive = new client.Gauge({
    name: 'relayflow_runs',
    help: 'Runs not yet finished, by status (running, queued)',
    labelNames: ['status'],
    registers,
  })
  const queueDepth = new client.Gauge({
    name: 'relayflow_ready_queue_depth',
    help: 'Ready steps that are due now and not yet claimed by a runner',
    registers,
  })
  const scheduledSteps = new client.Gauge({
    name: 'relayflow_scheduled_steps',
    help: 'Ready steps due in the future (retry backoff)',
    registers,
  })
  const leaseReclaims = new client.Counter({
    name: 'relayflow_lease_reclaims_total',
    help: 'Step leases that expired and were reclaimed by another runner (step.interrupted events, all time)',
    registers,
  })
  const devices = new client.Gauge({
    name: 'relayflow_devices',
    help: 'Registered, unrevoked devices by status',
    labelNames: ['status'],
    registers,
  })
  const deviceUtilization = new client.Gauge({
    name: 'relayflow_device_utilization_ratio',
    help: 'Running commands over the summed max concurrency of online, non-draining devices',
    registers,
  })
  const deviceSlots = new client.Gauge({
    name: 'relayflow_device_slots',
    help: 'Summed max concurrency (slots) and load of online, non-draining devices',
    labelNames: ['kind'],
    registers,
  })
  const dbConnections = new client.Gauge({
    name: 'relayflow_db_connections',
    help: 'Connections to this database by state (pg_stat_activity, all Relayflow processes)',
    labelNames: ['state'],
    registers,
  })
  const dbPoolMax = new client.Gauge({
    name: 'relayflow_db_pool_max',
    help: 'Maximum connections of this process’ pool',
    registers,
  })
  const sockets = options.socketConnections
  new client.Gauge({
    name: 'relayflow_socket_connections',
    help: 'Open socket.io connections of this process, by namespace',
    labelNames: ['namespace'],
    registers,
    collect() {
      this.reset()
      for (const [namespace, n] of Object.entries(sockets?.() ?? {})) this.set({ namespace }, n)
    },
  })
  const scrapeDuration = new client.Gauge({
    name: 'relayflow_metrics_collect_duration_seconds',
    help: 'Time the last collection from PostgreSQL took',
    registers,
  })

  const actionLabels = new Set<string>()
  /** Bounded label values, whatever devices announce: the first MAX_ACTION_LABELS seen, then `other`. */
  const actionLabel = (action: string) => {
    if (actionLabels.has(action)) return action
    if (actionLabels.size >= MAX_ACTION_LABELS) return 'other'
    actionLabels.add(action)
    return action
  }
  let watermark = clock.now()
  let reclaimsCounted = 0
  let cached: { text: string; at: number } | undefined
  let inflight: Promise<string> | undefined

  const ingestFinishedWork = async (until: Date) => {
    const [steps, runs] = await Promise.all([
      readFinishedSteps(db, watermark, until, maxRows),
      readFinishedRuns(db, watermark, until, maxRows),
    ])
    for (const s of steps) {
      stepsFinished.inc({ status: s.status })
      if (s.durationSeconds !== null && s.durationSeconds >= 0)
        stepDuration.observe({ type: s.type, action: actionLabel(s.action), status: s.status }, s.durationSeconds)
      if (s.dispatchSeconds !== null) dispatchLatency.observe({ type: s.type }, s.dispatchSeconds)
    }
    for (const r of runs) {
      runsFinished.inc({ status: r.status })
      if (r.durationSeconds !== null && r.durationSeconds >= 0)
        runDuration.observe({ status: r.status }, r.durationSeconds)
    }
    // A capped read resumes from the oldest of the two lists' last rows next time.
    const capped = [steps, runs]
      .filter((list) => list.length >= maxRows)
      .map((list) => (list[list.length - 1] as { finishedAt: Date }).finishedAt.getTime())
    watermark = capped.length > 0 ? new Date(Math.min(...capped)) : until
  }

  const setGauges = (state: SystemState) => {
    runsActive.set({ status: 'running' }, state.runsRunning)
    runsActive.set({ status: 'queued' }, state.runsQueued)
    queueDepth.set(state.queueDepth)
    scheduledSteps.set(state.scheduledSteps)
    // The counter mirrors the all-time count in the database, so every node reports the same value.
    if (state.leaseReclaimsTotal > reclaimsCounted)
      leaseReclaims.inc(state.leaseReclaimsTotal - reclaimsCounted)
    reclaimsCounted = Math.max(reclaimsCounted, state.leaseReclaimsTotal)
    devices.reset()
    for (const status of ['online', 'busy', 'offline', 'draining']) devices.set({ status }, 0)
    for (const [status, n] of Object.entries(state.devicesByStatus)) devices.set({ status }, n)
    if (state.deviceUtilization === null) deviceUtilization.reset()
    else deviceUtilization.set(state.deviceUtilization)
    deviceSlots.set({ kind: 'slots' }, state.deviceSlots)
    deviceSlots.set({ kind: 'load' }, state.deviceLoad)
    dbConnections.reset()
    for (const [s, n] of Object.entries(state.dbConnectionsByState)) dbConnections.set({ state: s }, n)
    const poolMax = (db as unknown as { $client?: { options?: { max?: number } } }).$client?.options?.max
    if (typeof poolMax === 'number') dbPoolMax.set(poolMax)
  }

  const collect = async () => {
    const started = performance.now()
    const now = clock.now()
    const until = new Date(now.getTime() - settleMs)
    if (until > watermark) await ingestFinishedWork(until)
    setGauges(await readSystemState(db, now))
    scrapeDuration.set((performance.now() - started) / 1000)
    const own = await registry.metrics()
    return withProcessMetrics ? own + (await processRegistry().metrics()) : own
  }

  return {
    registry,
    contentType: registry.contentType,
    async render() {
      const nowMs = Date.now()
      if (cached && nowMs - cached.at < cacheMs) return cached.text
      // Concurrent scrapes share one collection rather than racing on the watermark.
      inflight ??= collect().finally(() => (inflight = undefined))
      const text = await inflight
      cached = { text, at: Date.now() }
      return text
    },
  }
}

let sharedProcessRegistry: client.Registry | undefined

/** Process metrics are registered once per process, however many request routers exist. */
function processRegistry(): client.Registry {
  if (!sharedProcessRegistry) {
    sharedProcessRegistry = new client.Registry()
    client.collectDefaultMetrics({ register: sharedProcessRegistry, eventLoopMonitoringPrecision: 20 })
  }
  return sharedProcessRegistry
}
