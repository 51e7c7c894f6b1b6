// The execution_events vocabulary: every state change of a run or a step appends one of these,
// numbered per execution (seq) in the transaction that makes the change.
import type { ExecutionStatus, StepStatus } from '@/server/engine/run/run-status'

export type RunEventType =
  | 'run.started'
  | `run.${Exclude<ExecutionStatus, 'running'>}`
  | `step.${Exclude<StepStatus, 'pending'>}`
  | 'step.retry_scheduled'
  | 'step.interrupted'
  | 'step.kept'
  /** A running attempt waits for a device: none capable online, or all busy for a while. */
  | 'step.awaiting_device'

export interface RunEvent {
  executionId: string
  type: RunEventType
  stepId: string | null
  payload: Record<string, unknown>
}
