// A run's or step's status as a coloured label; the text itself says the status.
import type { ExecutionStatus, StepStatus } from '@/server/engine/run/run-status'
import styles from './status-badge.module.css'

export function RunStatusBadge({ status }: { status: ExecutionStatus | StepStatus }) {
  return (
    <span className={`${styles.status} ${styles[status] ?? ''}`} data-status={status}>
      {status.replace('_', ' ')}
    </span>
  )
}
