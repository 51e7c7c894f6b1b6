// The statuses a run and its steps move through, shared by the state machine, runner, API and UI.

/**
 * pending: waiting for its incoming edges · ready: due to be claimed at run_at · running: leased by a runner ·
 * waiting: parked on a timer or a signal · succeeded / failed / skipped / cancelled: terminal.
 */
export const STEP_STATUSES = [
  'pending',
  'ready',
  'running',
  'waiting',
  'succeeded',
  'failed',
  'skipped',
  'cancelled',
] as const
export type StepStatus = (typeof STEP_STATUSES)[number]

/** queued: waiting behind the workflow's concurrency limit · running · then one terminal status. */
export const EXECUTION_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'timed_out',
] as const
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number]

export type TerminalStepStatus = 'succeeded' | 'failed' | 'skipped' | 'cancelled'
export type TerminalExecutionStatus = 'succeeded' | 'failed' | 'cancelled' | 'timed_out'

export function isTerminalStepStatus(status: StepStatus): status is TerminalStepStatus {
  return status === 'succeeded' || status === 'failed' || status === 'skipped' || status === 'cancelled'
}

export function isTerminalExecutionStatus(status: ExecutionStatus): status is TerminalExecutionStatus {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled' || status === 'timed_out'
}

/** Why a step failed; `retryable` says whether another attempt could help. */
export interface StepError {
  code: string
  message: string
  retryable: boolean
}
