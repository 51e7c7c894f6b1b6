'use client'
// Steps and devices deviating from their baselines in the last hour, each explained in a sentence.
import type { TAnomaly } from '@/server/api/routers/monitoring/list-anomalies.types'
import styles from './monitoring.module.css'

const KIND_LABEL = {
  slow_execution: 'slow',
  slow_device: 'slow device',
  high_failure_rate: 'failing',
} as const

export function AnomaliesPanel({
  anomalies,
  title = 'Anomalies (last hour, against 24 h baselines)',
}: {
  anomalies: TAnomaly[]
  title?: string
}) {
  return (
    <section className="card" aria-labelledby="anomalies-title">
      <h2 id="anomalies-title" className={styles.chartTitle}>
        {title}
      </h2>
      {anomalies.length === 0 ? (
        <p className="muted">Nothing deviates from its baseline.</p>
      ) : (
        <ul className={styles.alertList}>
          {anomalies.slice(0, 20).map((a, i) => (
            <li
              key={`${a.kind}-${a.subject.key}-${a.sampleId ?? i}`}
              className={`${styles.alert} ${styles.pending}`}
            >
              <span className="badge">{KIND_LABEL[a.kind]}</span>
              <span>{a.explanation}</span>
              {a.at ? <span className={styles.when}>{a.at.toLocaleTimeString()}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
