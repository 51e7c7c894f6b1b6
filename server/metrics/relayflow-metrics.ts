// The prom-client registry behind GET /metrics. Gauges are read from Postgres on scrape
// (system-state-gauges.ts); finished steps and runs are folded into counters and histograms
// incrementally (finished-work-metrics.ts). The rendered text is cached for `cacheMs`.
import client from 'prom-client'
import type { Db } from '@/db/client'
import type { Clock } from '@/server/platform/clock'
import { createFinishedWorkMetrics } from './finished-work-metrics'
import { createSystemStateGauges } from './system-state-gauges'
import { readSystemState } from './system-state-queries'

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

export { MAX_ACTION_LABELS } from './finished-work-metrics'

export function createRelayflowMetrics(options: MetricsOptions): RelayflowMetrics {
  const { db, clock } = options
  const cacheMs = options.cacheMs ?? 5000
  const settleMs = options.settleMs ?? 2000
  const registry = new client.Registry()
  const withProcessMetrics = options.processMetrics ?? true
  const registers = [registry]
  const finishedWork = createFinishedWorkMetrics(registers, {
    db,
    since: clock.now(),
    maxRows: options.maxRowsPerScrape ?? 50_000,
  })
  const setGauges = createSystemStateGauges(registers, db)
  socketConnectionsGauge(registers, options.socketConnections)
  const scrapeDuration = new client.Gauge({
    name: 'relayflow_metrics_collect_duration_seconds',
    help: 'Time the last collection from PostgreSQL took',
    registers,
  })

  const collect = async () => {
    const started = performance.now()
    const now = clock.now()
    await finishedWork.ingestUntil(new Date(now.getTime() - settleMs))
    setGauges(await readSystemState(db, now))
    scrapeDuration.set((performance.now() - started) / 1000)
    const own = await registry.metrics()
    return withProcessMetrics ? own + (await processRegistry().metrics()) : own
  }

  let cached: { text: string; at: number } | undefined
  let inflight: Promise<string> | undefined
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

/** Read from this process when scraped, not from the database. */
function socketConnectionsGauge(registers: client.Registry[], sockets: MetricsOptions['socketConnections']): void {
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
