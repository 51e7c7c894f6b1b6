'use client'
// Every step of a run: live status, attempts, timing, the device it ran on, its output and its
// error; a step's name opens it in the inspector.
import { isInProcessStepType } from '@/steps/registry'
import { LiveStepBadge } from '@/components/canvas/live-step-badge'
import { readRunError } from './run-error'
import styles from './runs.module.css'
import type { RunDetail, RunStep } from './use-run'

/**
 * The device a command step ran on, when its output says so (demo fleet and agents add `deviceId`).
 * In-process steps ran on none, whatever their output holds (a transform may compute a `deviceId`).
 */
function deviceOf(step: RunStep, type: string | undefined): string | null {
  if (type !== undefined && isInProcessStepType(type)) return null
  const output = step.output
  if (typeof output !== 'object' || output === null) return null
  const device = (output as { deviceId?: unknown }).deviceId
  return typeof device === 'string' ? device : null
}

function StepRow(props: { step: RunStep; name: string; type: string | undefined; onInspect: (stepId: string) => void }) {
  const { step, name } = props
  const error = readRunError(step.error)
  return (
    <tr data-step-id={step.stepId}>
      <th scope="row">
        <button
          type="button"
          className={styles.linkButton}
          onClick={() => props.onInspect(step.stepId)}
          aria-label={`Inspect ${name}`}
        >
          {name}
        </button>
        <div className="muted mono">{step.stepId}</div>
      </th>
      <td>
        <LiveStepBadge stepId={step.stepId} fallback={step.status} />
      </td>
      <td>{step.attempt}</td>
      <td>{step.startedAt?.toLocaleTimeString() ?? '-'}</td>
      <td>{step.finishedAt?.toLocaleTimeString() ?? '-'}</td>
      <td>{deviceOf(step, props.type) ?? <span className="muted">-</span>}</td>
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
}

export function RunStepsTable({ run, onInspect }: { run: RunDetail; onInspect: (stepId: string) => void }) {
  const names = new Map(run.definition.steps.map((s) => [s.id, s.name]))
  const types = new Map(run.definition.steps.map((s) => [s.id, s.type]))
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
        {run.steps.map((step) => (
          <StepRow
            key={step.stepId}
            step={step}
            name={names.get(step.stepId) ?? step.stepId}
            type={types.get(step.stepId)}
            onInspect={onInspect}
          />
        ))}
      </tbody>
    </table>
  )
}
