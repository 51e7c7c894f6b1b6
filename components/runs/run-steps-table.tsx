// Every step of a run: status, attempts, timing, the device it ran on, its output and its error.
import { readRunError } from './run-error'
import { RunStatusBadge } from './run-status-badge'
import styles from './runs.module.css'
import type { RunDetail, RunStep } from './use-run'

/** The device a command step ran on, when its output says so (demo fleet and agents add `deviceId`). */
function deviceOf(step: RunStep): string | null {
  const output = step.output
  if (typeof output !== 'object' || output === null) return null
  const device = (output as { deviceId?: unknown }).deviceId
  return typeof device === 'string' ? device : null
}

export function RunStepsTable({ run }: { run: RunDetail }) {
  const names = new Map(run.definition.steps.map((s) => [s.id, s.name]))
  return (
    <table aria-label="Steps">
      <thead>
        <tr>
          <th>Step</th>
          <th>Status</th>
          <th>Attempts</th>
          <th>Started</th>
          <th>Finished</th>
          <th>Device</th>
          <th>Output</th>
          <th>Error</th>
        </tr>
      </thead>
      <tbody>
        {run.steps.map((step) => {
          const error = readRunError(step.error)
          return (
            <tr key={step.stepId} data-step-id={step.stepId}>
              <th scope="row">
                {names.get(step.stepId) ?? step.stepId}
                <div className="muted mono">{step.stepId}</div>
              </th>
              <td>
                <RunStatusBadge status={step.status} />
              </td>
              <td>{step.attempt}</td>
              <td>{step.startedAt?.toLocaleTimeString() ?? '-'}</td>
              <td>{step.finishedAt?.toLocaleTimeString() ?? '-'}</td>
              <td>{deviceOf(step) ?? <span className="muted">-</span>}</td>
              <td>
                {step.output === null || step.output === undefined ? (
                  <span className="muted">-</span>
                ) : (
                  <details className={styles.output}>
                    <summary>Output</summary>
                    <pre className="json">{JSON.stringify(step.output, null, 2)}</pre>
                  </details>
                )}
              </td>
              <td>
                {error && step.status !== 'succeeded' ? (
                  <>
                    <code>{error.code}</code> {error.message}
                  </>
                ) : null}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
