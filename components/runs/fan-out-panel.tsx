'use client'
// A parallel step's branches: the live summary ("12/15 ok, 1 failed, 2 running") that opens
// the list of branches with their devices and errors.
import { fanOutFromCommands, fanOutFromOutput, fanOutLabel } from './fan-out-summary'
import styles from './run-inspector.module.css'

type Command = Parameters<typeof fanOutFromCommands>[0][number]

export function FanOutPanel({ output, commands }: { output: unknown; commands: readonly Command[] }) {
  const summary = fanOutFromOutput(output) ?? (commands.length > 0 ? fanOutFromCommands(commands) : null)
  if (!summary) return <p className="muted">No branch has started yet.</p>
  return (
    <section aria-label="Branches" className={styles.section}>
      <details className={styles.branches}>
        <summary>
          <strong aria-label="Branch summary">{fanOutLabel(summary)}</strong>
        </summary>
        <ul className={styles.branchGrid}>
          {summary.branches.map((b) => (
            <li key={b.key} className={styles[`branch_${b.state}`]} title={b.error ?? b.state}>
              <span className="mono">{b.key}</span>
              {b.deviceId && b.deviceId !== b.key ? <span className="muted"> on {b.deviceId}</span> : null} · {b.state}
              {b.error ? <div className={styles.branchError}>{b.error}</div> : null}
            </li>
          ))}
        </ul>
      </details>
    </section>
  )
}
