// Counters and histograms of finished steps and runs. Finished rows are folded in incrementally
// behind a watermark on finished_at, so Prometheus' rate() and histogram_quantile() work.
import client from 'prom-client'
import type { Db } from '@/db/client'
import { readFinishedRuns, readFinishedSteps, type FinishedRun, type FinishedStep } from './finished-work-queries'

/** Distinct `action` label values one process reports at most; later ones count as `other`. */
export const MAX_ACTION_LABELS = 100

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600]
const DISPATCH_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
const RUN_BUCKETS = [0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600, 14_400, 86_400]

export interface FinishedWorkMetrics {
  /** Folds in the work that finished after the watermark and up to `until` (if any can have). */
  ingestUntil(until: Date): Promise<void>
}

export function createFinishedWorkMetrics(
  registers: client.Registry[],
  options: { db: Db; since: Date; maxRows: number },
): FinishedWorkMetrics {
  const { db, maxRows } = options
  const observeStep = stepMetrics(registers)
  const observeRun = runMetrics(registers)
  let watermark = options.since

  return {
    async ingestUntil(until) {
      if (until <= watermark) return
      const [steps, runs] = await Promise.all([
        readFinishedSteps(db, watermark, until, maxRows),
        readFinishedRuns(db, watermark, until, maxRows),
      ])
      for (const s of steps) observeStep(s)
      for (const r of runs) observeRun(r)
      // A capped read resumes from the oldest of the two lists' last rows next time.
      const capped = [steps, runs]
        .filter((list) => list.length >= maxRows)
        .map((list) => (list[list.length - 1] as { finishedAt: Date }).finishedAt.getTime())
      watermark = capped.length > 0 ? new Date(Math.min(...capped)) : until
    },
  }
}

function stepMetrics(registers: client.Registry[]): (step: FinishedStep) => void {
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
  const actionLabel = boundedActionLabels()
  return (s) => {
    stepsFinished.inc({ status: s.status })
    if (s.durationSeconds !== null && s.durationSeconds >= 0)
      stepDuration.observe({ type: s.type, action: actionLabel(s.action), status: s.status }, s.durationSeconds)
    if (s.dispatchSeconds !== null) dispatchLatency.observe({ type: s.type }, s.dispatchSeconds)
  }
}

function runMetrics(registers: client.Registry[]): (run: FinishedRun) => void {
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
  return (r) => {
    runsFinished.inc({ status: r.status })
    if (r.durationSeconds !== null && r.durationSeconds >= 0) runDuration.observe({ status: r.status }, r.durationSeconds)
  }
}

/** Bounded label values, whatever devices announce: the first MAX_ACTION_LABELS seen, then `other`. */
function boundedActionLabels(): (action: string) => string {
  const actionLabels = new Set<string>()
  return (action) => {
    if (actionLabels.has(action)) return action
    if (actionLabels.size >= MAX_ACTION_LABELS) return 'other'
    actionLabels.add(action)
    return action
  }
}
