// Reads the value each alert rule watches: one window measurement per distinct window, and the
// instant gauges once.
import type { AlertMetric } from '@/server/statistics/monitoring/alert-metrics'
import type { Queryable } from '@/server/platform/sql-helpers'
import { readSystemState, type SystemState } from './system-state-queries'
import { measureWindow, type WindowMeasurements } from './window-measurements'

export interface RuleToMeasure {
  id: string
  metric: AlertMetric
  windowSeconds: number
}

export function metricValue(
  metric: AlertMetric,
  state: SystemState,
  window: WindowMeasurements,
): number | null {
  switch (metric) {
    case 'dispatch_latency_p95_ms':
      return window.dispatchLatencyMs.p95
    case 'step_duration_p95_ms':
      return window.stepDurationMs.p95
    case 'run_failure_rate':
      return window.runFailureRate
    case 'step_failure_rate':
      return window.stepFailureRate
    case 'queue_depth':
      return state.queueDepth
    case 'device_utilization':
      return state.deviceUtilization
    default: {
      const unknown: never = metric
      throw new Error(`Unknown alert metric ${String(unknown)}`)
    }
  }
}

export async function readAlertMetricValues(
  db: Queryable,
  now: Date,
  rules: readonly RuleToMeasure[],
  extraWindows: readonly number[] = [],
): Promise<{
  values: Map<string, number | null>
  state: SystemState
  windows: Map<number, WindowMeasurements>
}> {
  const state = await readSystemState(db, now)
  const windows = new Map<number, WindowMeasurements>()
  for (const seconds of new Set([...rules.map((r) => r.windowSeconds), ...extraWindows])) {
    windows.set(seconds, await measureWindow(db, now, seconds))
  }
  const values = new Map(
    rules.map((r) => [
      r.id,
      metricValue(r.metric, state, windows.get(r.windowSeconds) as WindowMeasurements),
    ]),
  )
  return { values, state, windows }
}
