'use client'
// Current alerts (pending and firing) and the recent transition history with webhook status.
import type { TAlertHistory } from '@/server/api/routers/monitoring/list-alert-history.types'
import type { TAlertRule } from '@/server/api/routers/monitoring/monitoring.types'
import { formatMetricValue } from './monitoring-format'
import styles from './monitoring.module.css'

const stateClass = { firing: styles.firing, pending: styles.pending, resolved: styles.resolved }
const when = (d: Date | null) => (d ? d.toLocaleTimeString() : '')

export function AlertsPanel({ active, history }: { active: TAlertRule[]; history: TAlertHistory }) {
  return (
    <section className="card" id="alerts" aria-labelledby="alerts-title">
      <h2 id="alerts-title" className={styles.chartTitle}>
        Alerts
      </h2>
      {active.length === 0 ? (
        <p className="muted" data-testid="no-alerts">
          No alert is pending or firing.
        </p>
      ) : (
        <ul className={styles.alertList} aria-label="Current alerts">
          {active.map((rule) => (
            <li
              key={rule.id}
              className={`${styles.alert} ${rule.state === 'firing' ? styles.firing : styles.pending}`}
            >
              <strong>{rule.state === 'firing' ? 'Firing' : 'Pending'}</strong>
              <span>
                {rule.name}: {formatMetricValue(rule.metric, rule.lastValue)} ({rule.comparator}{' '}
                {formatMetricValue(rule.metric, rule.threshold)})
              </span>
              <span className={styles.when}>since {when(rule.stateSince)}</span>
            </li>
          ))}
        </ul>
      )}
      <h3 className={styles.chartTitle} style={{ marginTop: 16 }}>
        History
      </h3>
      {history.length === 0 ? (
        <p className="muted">No alert has changed state yet.</p>
      ) : (
        <ul className={styles.alertList} aria-label="Alert history">
          {history.map((event) => (
            <li key={event.id} className={`${styles.alert} ${stateClass[event.state]}`}>
              <span>{event.message}</span>
              {event.notifyStatus !== 'none' ? (
                <span className="badge" title={event.notifyError ?? undefined}>
                  webhook {event.notifyStatus}
                </span>
              ) : null}
              <span className={styles.when}>{when(event.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
