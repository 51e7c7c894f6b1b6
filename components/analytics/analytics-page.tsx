'use client'
// The /analytics page: headline numbers, run trends, usage patterns, duration percentiles, failing
// and slowest steps, the device leaderboard and optimization suggestions for one time range.
// Every chart drills down to the runs behind it (drill-down.ts); every card exports CSV.
import { useQuery } from '@tanstack/react-query'
import Link from 'next/link'
import { AnomaliesPanel } from '@/components/monitoring/anomalies-panel'
import { useTRPC } from '@/components/trpc-provider'
import { ApiError } from '@/components/ui/api-error'
import { formatRate } from './analytics-format'
import { DeviceLeaderboard, SuggestionsPanel } from './devices-and-suggestions'
import { runsHref } from './drill-down'
import { RangePicker } from './range-picker'
import { RunTrendCharts } from './run-trend-charts'
import { StepTables, WorkflowDurationsCard } from './step-tables'
import { UsagePanels } from './usage-panels'
import { useAnalyticsData } from './use-analytics-data'
import { WorkflowPicker } from './workflow-picker'
import styles from './analytics.module.css'

export function AnalyticsPage({ range, workflowId }: { range: string; workflowId?: string }) {
  const { trend, usage, durations, steps, devices, suggestions } = useAnalyticsData(range, workflowId)
  const trpc = useTRPC()
  // What deviates now (last hour) against baselines over the chosen range (at least a day).
  const anomalies = useQuery(
    trpc.monitoring.anomalies.queryOptions({ workflowId, lookbackHours: Math.max(24, RANGE_HOURS[range] ?? 24), recentMinutes: 60 }),
  )
  const error = trend.error ?? usage.error ?? durations.error ?? steps.error ?? devices.error ?? suggestions.error
  // The window the server used: its buckets start at or before `from`, so take the reported bounds.
  const first = trend.data?.buckets[0]
  const last = trend.data?.buckets.at(-1)
  const window = first && last ? { from: first.start, to: last.end, workflowId } : undefined
  const totals = trend.data?.totals
  return (
    <>
      <div className="toolbar">
        <h1 className="grow">Analytics</h1>
        <WorkflowPicker range={range} workflowId={workflowId} />
        <RangePicker range={range} workflowId={workflowId} />
      </div>
      {workflowId ? (
        <p className="notice">
          Showing one workflow&apos;s runs. <Link href={`/analytics?range=${range}`}>Show all workflows</Link>
        </p>
      ) : null}
      <ApiError error={error} title="Analytics could not be loaded" />
      {totals && window ? (
        <section className={styles.stats} aria-label="Totals">
          <Stat label="Runs" value={String(totals.runs)} href={runsHref(window)} />
          <Stat
            label="Clean successes"
            value={String((totals.byStatus.succeeded ?? 0) - totals.handledSuccesses)}
            href={runsHref(window, { status: 'succeeded' })}
          />
          <Stat label="Succeeded with handled failures" value={String(totals.handledSuccesses)} />
          <Stat label="Failed" value={String(totals.byStatus.failed ?? 0)} href={runsHref(window, { status: 'failed' })} />
          <Stat label="Success rate" value={formatRate(totals.successRate)} />
        </section>
      ) : null}
      {trend.data && window ? <RunTrendCharts trend={trend.data} window={window} /> : <p className="muted">Loading…</p>}
      {usage.data && window ? <UsagePanels usage={usage.data} window={window} /> : null}
      <section className={styles.charts} aria-label="Durations and steps">
        {durations.data && window ? <WorkflowDurationsCard rows={durations.data} window={window} /> : null}
        {steps.data && window ? <StepTables report={steps.data} window={window} /> : null}
        {devices.data && window ? <DeviceLeaderboard rows={devices.data} window={window} /> : null}
      </section>
      {suggestions.data && window ? <SuggestionsPanel suggestions={suggestions.data} window={window} /> : null}
      {anomalies.data ? <AnomaliesPanel anomalies={anomalies.data} title="Anomalies now (last hour, against this range's baselines)" /> : null}
    </>
  )
}

const RANGE_HOURS: Record<string, number> = { '1h': 1, '6h': 6, '24h': 24, '7d': 168, '30d': 720, '90d': 2160 }

function Stat({ label, value, href }: { label: string; value: string; href?: string }) {
  const body = (
    <>
      <div className={styles.statLabel}>{label}</div>
      <div className={styles.statValue}>{value}</div>
    </>
  )
  return href ? (
    <Link className={styles.stat} href={href} aria-label={`${label}: ${value}`}>
      {body}
    </Link>
  ) : (
    <div className={styles.stat}>{body}</div>
  )
}
