'use client'
// The alerts firing or pending now, firing first, linking to the alerts on /monitoring.
import Link from 'next/link'
import { formatMetricValue } from '@/components/monitoring/monitoring-format'
import type { TAlertRule } from '@/server/api/routers/monitoring/monitoring.types'
import { HomePanel } from './home-panel'
import styles from './home.module.css'

export function FiringAlerts({ alerts }: { alerts: TAlertRule[] | undefined }) {
  const sorted = [...(alerts ?? [])].sort(
    (a, b) => Number(b.state === 'firing') - Number(a.state === 'firing'),
  )
  const firing = sorted.filter((a) => a.state === 'firing').length
  return (
    <HomePanel
      id="home-alerts"
      title="Alerts"
      aside={
        <span className={firing > 0 ? styles.firing : 'muted'} data-testid="alerts-firing-count">
          {alerts ? `${firing} firing` : '…'}
        </span>
      }
    >
      {alerts?.length === 0 ? <p className="muted">No alert is pending or firing.</p> : null}
      <ul className={styles.list} aria-label="Current alerts">
        {sorted.map((rule) => (
          <li key={rule.id}>
            <span className={rule.state === 'firing' ? styles.firing : styles.pending}>
              {rule.state === 'firing' ? 'Firing' : 'Pending'}
            </span>
            <span className={styles.grow}>{rule.name}</span>
            <span className="muted">{formatMetricValue(rule.metric, rule.lastValue)}</span>
          </li>
        ))}
      </ul>
      <p>
        <Link href="/monitoring#alerts">Monitoring →</Link>
      </p>
    </HomePanel>
  )
}
