// A run's outcome for lists and the header: its status badge and, for a run that succeeded
// through failure handlers, how many failures they handled.
import { RunStatusBadge } from '@/components/canvas/run-status-badge'
import styles from '@/components/canvas/status-badge.module.css'
import type { ExecutionStatus } from '@/server/engine/run/run-status'
import { handledFailuresText, hasHandledFailures } from './handled-failures'

/**
 * For a run that succeeded only because failure edges handled failures: how many. Such a run is
 * not a clean success and must not look like one. Renders nothing for any other run.
 */
export function HandledFailuresBadge({ status, handledFailures }: { status: ExecutionStatus; handledFailures: number }) {
  if (!hasHandledFailures({ status, handledFailures })) return null
  return (
    <>
      {' '}
      <span
        className={`${styles.status} ${styles.handled}`}
        data-handled-failures={handledFailures}
        title="Steps failed and failure edges handled them: the run succeeded through its handlers."
      >
        {handledFailuresText(handledFailures)}
      </span>
    </>
  )
}

/** A run's status with its handled failures, for lists. */
export function RunOutcome({ status, handledFailures }: { status: ExecutionStatus; handledFailures: number }) {
  return (
    <>
      <RunStatusBadge status={status} />
      <HandledFailuresBadge status={status} handledFailures={handledFailures} />
    </>
  )
}
