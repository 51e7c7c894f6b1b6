'use client'
// The device leaderboard and the optimization suggestions derived from the range's data.
import Link from 'next/link'
import type { TDeviceLeaderboard } from '@/server/api/routers/analytics/get-device-leaderboard.types'
import type { TSuggestions } from '@/server/api/routers/analytics/list-suggestions.types'
import { formatMs, formatRate } from './analytics-format'
import { CsvButton } from './csv-button'
import { runsHref, type DrillWindow } from './drill-down'
import styles from './analytics.module.css'

const KIND_LABEL: Record<TSuggestions[number]['kind'], string> = {
  parallelize: 'parallelize',
  add_retry: 'add a retry',
  flaky_retry: 'flaky first attempt',
  lower_timeout: 'timeout too long',
  dominant_step: 'dominant step',
  failing_device: 'failing device',
}

export function DeviceLeaderboard({ rows, window }: { rows: TDeviceLeaderboard; window: DrillWindow }) {
  return (
    <div className="card">
      <div className={styles.cardHeader}>
        <h2>Device leaderboard</h2>
        <CsvButton
          name="device-leaderboard"
          rows={rows}
          columns={[
            { header: 'device', value: (d) => d.deviceName },
            { header: 'device id', value: (d) => d.deviceId },
            { header: 'commands', value: (d) => d.commands },
            { header: 'failed', value: (d) => d.failed },
            { header: 'failure rate', value: (d) => d.failureRate },
            { header: 'p50 ms', value: (d) => d.p50Ms },
            { header: 'p95 ms', value: (d) => d.p95Ms },
            { header: 'busy ms', value: (d) => d.busyMs },
            { header: 'top error code', value: (d) => d.topErrorCode },
          ]}
        />
      </div>
      {rows.length === 0 ? (
        <p className="muted">No device finished a command in this range.</p>
      ) : (
        <table aria-label="Device leaderboard">
          <thead>
            <tr>
              <th>#</th><th>Device</th><th className={styles.numeric}>Commands</th><th className={styles.numeric}>Failure rate</th>
              <th className={styles.numeric}>p50</th><th className={styles.numeric}>p95</th><th className={styles.numeric}>Busy</th><th>Top error</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d, i) => (
              <tr key={d.deviceId}>
                <td>{i + 1}</td>
                <td>
                  <Link href={runsHref(window, { deviceId: d.deviceId })}>{d.deviceName}</Link>
                </td>
                <td className={styles.numeric}>{d.commands}</td>
                <td className={styles.numeric}>{formatRate(d.failureRate)}</td>
                <td className={styles.numeric}>{formatMs(d.p50Ms)}</td>
                <td className={styles.numeric}>{formatMs(d.p95Ms)}</td>
                <td className={styles.numeric}>{formatMs(d.busyMs)}</td>
                <td>{d.topErrorCode ? <span className="badge">{d.topErrorCode}</span> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

export function SuggestionsPanel({ suggestions, window }: { suggestions: TSuggestions; window: DrillWindow }) {
  return (
    <section className="card" aria-labelledby="suggestions-title">
      <div className={styles.cardHeader}>
        <h2 id="suggestions-title">Optimization suggestions</h2>
        <CsvButton
          name="suggestions"
          rows={suggestions}
          columns={[
            { header: 'kind', value: (s) => s.kind },
            { header: 'steps', value: (s) => s.stepIds.join(' ') },
            { header: 'suggestion', value: (s) => s.message },
          ]}
        />
      </div>
      {suggestions.length === 0 ? (
        <p className="muted">Nothing to suggest from this range&apos;s data.</p>
      ) : (
        <ul className={styles.suggestions}>
          {suggestions.map((s, i) => (
            <li key={`${s.kind}-${i}`} className={styles.suggestion}>
              <span className="badge">{KIND_LABEL[s.kind]}</span>
              <span>{s.message}</span>
              {s.kind !== 'failing_device' ? <Link href={runsHref(window, { workflowId: s.workflowId })}>Runs</Link> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
