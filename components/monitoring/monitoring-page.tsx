'use client'
// The /monitoring page: headline numbers, charts, current alerts with history, anomalies and the
// alert rules with their editor. Live over /live's `monitoring` room (use-monitoring-data.ts).
import { LiveIndicator } from '@/components/runs/live-indicator'
import { ApiError } from '@/components/ui/api-error'
import { AlertRulesTable } from './alert-rules-table'
import { AlertsPanel } from './alerts-panel'
import { AnomaliesPanel } from './anomalies-panel'
import { MonitoringCharts } from './monitoring-charts'
import { MonitoringStatCards } from './monitoring-stat-cards'
import { useInvalidateMonitoring, useMonitoringData } from './use-monitoring-data'

export function MonitoringPage() {
  const { snapshot, series, rules, history, anomalies, connected } = useMonitoringData()
  const invalidate = useInvalidateMonitoring()
  const active = (rules.data ?? []).filter((r) => r.enabled && r.state !== 'inactive')
  return (
    <>
      <div className="toolbar">
        <h1 className="grow">Monitoring</h1>
        <LiveIndicator connected={connected} />
        <span className="muted" style={{ fontSize: 13 }}>
          {snapshot.data ? `Updated ${snapshot.data.at.toLocaleTimeString()}` : 'Loading…'}
        </span>
        <a href="/metrics" className="button">
          Prometheus metrics
        </a>
      </div>
      <ApiError
        error={snapshot.error ?? series.error ?? rules.error}
        title="Monitoring data could not be loaded"
      />
      {snapshot.data ? <MonitoringStatCards snapshot={snapshot.data} /> : null}
      <AlertsPanel active={active} history={history.data ?? []} />
      {snapshot.data ? <MonitoringCharts series={series.data ?? []} snapshot={snapshot.data} /> : null}
      <AnomaliesPanel anomalies={anomalies.data ?? []} />
      <AlertRulesTable rules={rules.data ?? []} onChanged={() => void invalidate()} />
    </>
  )
}
