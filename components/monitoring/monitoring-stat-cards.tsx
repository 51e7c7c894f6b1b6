'use client'
// The headline numbers: runs in flight, queue depth, latency, failure rate, utilization, alerts.
import type { TMonitoringSnapshot } from '@/server/api/routers/monitoring/get-monitoring-snapshot.types'
import { formatMs, formatRatio } from './monitoring-format'
import styles from './monitoring.module.css'

function Stat({
  label,
  value,
  hint,
  testId,
}: {
  label: string
  value: string
  hint?: string
  testId: string
}) {
  return (
    <div className={styles.stat} data-testid={testId}>
      <div className={styles.statLabel}>{label}</div>
      <div className={styles.statValue}>{value}</div>
      {hint ? <div className={styles.statHint}>{hint}</div> : null}
    </div>
  )
}

export function MonitoringStatCards({ snapshot }: { snapshot: TMonitoringSnapshot }) {
  const { state, last5m } = snapshot
  const online = (state.devicesByStatus.online ?? 0) + (state.devicesByStatus.busy ?? 0)
  const firing = snapshot.alerts.filter((a) => a.state === 'firing').length
  return (
    <section className={styles.stats} aria-label="System health">
      <Stat testId="stat-runs-running" label="Runs running" value={String(state.runsRunning)} />
      <Stat
        testId="stat-runs-queued"
        label="Runs queued"
        value={String(state.runsQueued)}
        hint="behind concurrency limits"
      />
      <Stat
        testId="stat-queue-depth"
        label="Queue depth"
        value={String(state.queueDepth)}
        hint={
          state.scheduledSteps
            ? `${state.scheduledSteps} waiting out a retry backoff`
            : 'due steps not yet claimed'
        }
      />
      <Stat
        testId="stat-dispatch-p95"
        label="Dispatch p95 (5 min)"
        value={formatMs(last5m.dispatchLatencyMs.p95)}
        hint={`step p95 ${formatMs(last5m.stepDurationMs.p95)}`}
      />
      <Stat
        testId="stat-failure-rate"
        label="Failure rate (5 min)"
        value={formatRatio(last5m.runFailureRate)}
        hint={`${last5m.runsFailed} of ${last5m.runsFinished} runs · steps ${formatRatio(last5m.stepFailureRate)}`}
      />
      <Stat
        testId="stat-utilization"
        label="Device utilization"
        value={formatRatio(state.deviceUtilization)}
        hint={`${state.deviceLoad} of ${state.deviceSlots} slots · ${online} online`}
      />
      <Stat
        testId="stat-alerts"
        label="Alerts firing"
        value={String(firing)}
        hint={`${snapshot.alerts.length - firing} pending`}
      />
    </section>
  )
}
