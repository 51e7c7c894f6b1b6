// The metrics alert rules can watch: what each one measures, its unit, and whether the rule's
// window applies (percentiles and rates aggregate over it; gauges are read as they are now).
import { formatDurationMs, formatPercent } from './percentiles'

export const ALERT_METRICS = [
  'dispatch_latency_p95_ms',
  'step_duration_p95_ms',
  'run_failure_rate',
  'step_failure_rate',
  'queue_depth',
  'device_utilization',
] as const
export type AlertMetric = (typeof ALERT_METRICS)[number]

export interface AlertMetricInfo {
  label: string
  description: string
  unit: 'ms' | 'ratio' | 'count'
  windowed: boolean
}

export const ALERT_METRIC_INFO: Record<AlertMetric, AlertMetricInfo> = {
  dispatch_latency_p95_ms: {
    label: 'Execution latency (dispatch p95)',
    description:
      'p95 over the window of the time a due step waited before a runner claimed and dispatched it (started_at − run_at)',
    unit: 'ms',
    windowed: true,
  },
  step_duration_p95_ms: {
    label: 'Step duration p95',
    description: 'p95 over the window of finished steps’ last-attempt duration (finished_at − started_at)',
    unit: 'ms',
    windowed: true,
  },
  run_failure_rate: {
    label: 'Run failure rate',
    description:
      'Runs that ended failed or timed_out among runs that ended in the window (cancelled excluded)',
    unit: 'ratio',
    windowed: true,
  },
  step_failure_rate: {
    label: 'Step failure rate',
    description: 'Steps that ended failed among steps that ended succeeded or failed in the window',
    unit: 'ratio',
    windowed: true,
  },
  queue_depth: {
    label: 'Queue depth',
    description: 'Steps that are ready and due now but not yet claimed by a runner',
    unit: 'count',
    windowed: false,
  },
  device_utilization: {
    label: 'Device utilization',
    description: 'Commands running over the summed max concurrency of online, non-draining devices',
    unit: 'ratio',
    windowed: false,
  },
}

/** One metric's value; null when there is no data (no finished work, no devices). */
export type AlertMetricValues = Record<AlertMetric, number | null>

export function formatMetricValue(metric: AlertMetric, value: number | null): string {
  if (value === null) return 'no data'
  switch (ALERT_METRIC_INFO[metric].unit) {
    case 'ms':
      return formatDurationMs(value)
    case 'ratio':
      return formatPercent(value)
    case 'count':
      return Math.round(value).toLocaleString('en-US')
  }
}
