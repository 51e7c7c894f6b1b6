'use client'
// The page's charts: queue depth and runs over time, dispatch p95 and failure rate over time,
// and step latency percentiles for the last 5 and 60 minutes.
import type { ReactNode } from 'react'
import { PercentileBarChart } from '@/components/charts/percentile-bar-chart'
import { TimeSeriesChart } from '@/components/charts/time-series-chart'
import type { TMonitoringSeries } from '@/server/api/routers/monitoring/get-monitoring-series.types'
import type { TMonitoringSnapshot } from '@/server/api/routers/monitoring/get-monitoring-snapshot.types'
import { formatDurationMs, formatRatio } from './monitoring-format'
import styles from './monitoring.module.css'

export function MonitoringCharts({
  series,
  snapshot,
}: {
  series: TMonitoringSeries
  snapshot: TMonitoringSnapshot
}) {
  const points = toChartPoints(series)
  return (
    <section className={styles.charts} aria-label="Charts">
      <ChartCard heading="Queue depth and runs">
        <TimeSeriesChart
          title="Queue depth over time"
          data={points}
          lines={[
            { key: 'queueDepth', label: 'Queue depth', color: '#2563eb' },
            { key: 'runsRunning', label: 'Runs running', color: '#16a34a' },
            { key: 'runsQueued', label: 'Runs queued', color: '#d97706' },
          ]}
          formatValue={(v) => String(Math.round(v))}
        />
      </ChartCard>
      <ChartCard heading="Step latency percentiles">
        <PercentileBarChart
          title="Step latency p50, p95 and p99 over the last 5 and 60 minutes"
          formatValue={formatDurationMs}
          groups={[
            { label: 'Duration 5 min', ...snapshot.last5m.stepDurationMs },
            { label: 'Duration 60 min', ...snapshot.last60m.stepDurationMs },
            { label: 'Dispatch 5 min', ...snapshot.last5m.dispatchLatencyMs },
            { label: 'Dispatch 60 min', ...snapshot.last60m.dispatchLatencyMs },
          ]}
        />
      </ChartCard>
      <ChartCard heading="Dispatch latency p95 (1 min windows)">
        <TimeSeriesChart
          title="Dispatch latency p95 over time"
          data={points}
          lines={[{ key: 'dispatchP95Ms', label: 'Dispatch p95', color: '#7c3aed' }]}
          formatValue={formatDurationMs}
        />
      </ChartCard>
      <ChartCard heading="Step failure rate and device utilization">
        <TimeSeriesChart
          title="Step failure rate and device utilization over time"
          data={points}
          lines={[
            { key: 'stepFailureRate', label: 'Step failure rate', color: '#dc2626' },
            { key: 'deviceUtilization', label: 'Device utilization', color: '#0891b2' },
          ]}
          formatValue={(v) => formatRatio(v)}
        />
      </ChartCard>
    </section>
  )
}

function ChartCard({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <div className="card">
      <h2 className={styles.chartTitle}>{heading}</h2>
      {children}
    </div>
  )
}

/** One point per sample, keyed by time for the time-series charts. */
function toChartPoints(series: TMonitoringSeries) {
  return series.map((s) => ({
    t: s.sampledAt.getTime(),
    queueDepth: s.queueDepth,
    runsRunning: s.runsRunning,
    runsQueued: s.runsQueued,
    dispatchP95Ms: s.dispatchP95Ms,
    stepFailureRate: s.stepFailureRate,
    deviceUtilization: s.deviceUtilization,
  }))
}
