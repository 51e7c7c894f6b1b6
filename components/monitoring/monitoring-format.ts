// Display helpers for monitoring values: durations, percentages and metric-aware thresholds.
import {
  ALERT_METRIC_INFO,
  formatMetricValue,
  type AlertMetric,
} from '@/server/statistics/monitoring/alert-metrics'
import { formatDurationMs, formatPercent } from '@/server/statistics/monitoring/percentiles'

export { formatDurationMs, formatMetricValue }

export const formatMs = (ms: number | null | undefined) => (ms == null ? '—' : formatDurationMs(ms))
export const formatRatio = (ratio: number | null | undefined) => (ratio == null ? '—' : formatPercent(ratio))

/** Ratio metrics are edited as percentages (1 = 1%) and stored as ratios (0.01). */
export const isRatioMetric = (metric: AlertMetric) => ALERT_METRIC_INFO[metric].unit === 'ratio'
export const thresholdUnit = (metric: AlertMetric) =>
  (({ ms: 'ms', ratio: '%', count: '' }) as const)[ALERT_METRIC_INFO[metric].unit]
