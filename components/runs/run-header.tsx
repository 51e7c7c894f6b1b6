'use client'
// The top of /runs/[id]: status, workflow and the exact version it ran, trigger, timing (ticking
// while it runs), inputs and the run's error.
import Link from 'next/link'
import { isTerminalExecutionStatus } from '@/server/engine/run/run-status'
import { ParentRunFacts } from './child-run-link'
import { readRunError } from './run-error'
import { RunStatusBadge } from '@/components/canvas/run-status-badge'
import { elapsedMs, formatDuration } from './run-timing'
import { HandledFailuresBadge } from './run-outcome'
import styles from './runs.module.css'
import type { RunDetail } from './use-run'
import { useNow } from './use-now'

/** The workflow and the exact version the run ran, linked while the workflow exists. */
function WorkflowVersionLinks({ run }: { run: RunDetail }) {
  return (
    <>
      {run.workflowId ? (
        <Link href={`/workflows/${run.workflowId}`}>{run.definition.name}</Link>
      ) : (
        run.definition.name
      )}{' '}
      {run.workflowId ? (
        <Link
          className="badge"
          href={`/workflows/${run.workflowId}?version=${run.workflowVersion}`}
          aria-label={`Version ${run.workflowVersion} of the workflow`}
        >
          v{run.workflowVersion}
        </Link>
      ) : (
        <span className="badge">v{run.workflowVersion}</span>
      )}
    </>
  )
}

export function RunHeader({ run }: { run: RunDetail }) {
  const error = readRunError(run.error)
  const started = run.startedAt ?? run.createdAt
  const hasInputs = Object.keys(run.inputs).length > 0
  const isRunning = !isTerminalExecutionStatus(run.status)
  const now = useNow(isRunning)
  return (
    <section className="card" aria-label="Run summary">
      <dl className={styles.facts}>
        <dt>Status</dt>
        <dd>
          <span role="status" aria-label="Run status">
            <RunStatusBadge status={run.status} />
          </span>
          <HandledFailuresBadge status={run.status} handledFailures={run.handledFailures} />
        </dd>
        <dt>Workflow</dt>
        <dd>
          <WorkflowVersionLinks run={run} />
        </dd>
        <dt>Trigger</dt>
        <dd>
          {run.trigger}
          {run.rerunOf ? (
            <>
              {' '}
              of <Link href={`/runs/${run.rerunOf}`}>{run.rerunOf.slice(0, 8)}</Link>
            </>
          ) : null}
        </dd>
        <ParentRunFacts parent={run.parent} />
        <dt>Started</dt>
        <dd>{started.toLocaleString()}</dd>
        <dt>Duration</dt>
        <dd aria-label="Duration">{formatDuration(elapsedMs(started, run.finishedAt, new Date(now)))}</dd>
        <dt>Inputs</dt>
        <dd>
          {hasInputs ? (
            <pre className="json">{JSON.stringify(run.inputs, null, 2)}</pre>
          ) : (
            <span className="muted">none</span>
          )}
        </dd>
      </dl>
      {error ? (
        <div className={`error-box ${styles.runError}`} role="alert">
          <strong>{error.code}</strong>: {error.message}
        </div>
      ) : null}
    </section>
  )
}
