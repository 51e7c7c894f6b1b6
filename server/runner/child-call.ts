// A `workflow` step's call of a child run, as data: the start request its executor returns on the
// first attempt, and the step's result once the child ended. Kept apart from child-runs.ts (which
// creates the child) so the step's executor never reaches the code that creates runs.
import { isJsonObject } from '@/server/engine/json-value'
import type { ChildEnd, ChildLink } from './child-run-links'
import type { StepResult } from './executors/step-executor'

/** What the executor asks for on a step's first attempt: the child to start. */
export interface ChildStart {
  start: { workflowId: string; version: number | 'latest'; inputs: Record<string, unknown> }
  timeoutAt?: string
}

export function isChildStart(input: unknown): input is ChildStart & Record<string, unknown> {
  return isJsonObject(input) && isJsonObject(input.start) && typeof input.start.workflowId === 'string'
}

/**
 * The step's result once its child ended: the child's outputs, or a failure with code
 * `child_failed` (`child_timed_out`, `child_cancelled`) whose message carries the child's code.
 */
export function childOutcome(link: ChildLink & { ended: ChildEnd }): StepResult {
  const { ended, child } = link
  if (ended.status === 'succeeded') return { kind: 'succeeded', output: ended.outputs ?? {} }
  const code = ended.status === 'failed' ? 'child_failed' : `child_${ended.status}`
  const reason = ended.error?.code ? ` [${ended.error.code}] ${ended.error.message ?? ''}`.trimEnd() : ''
  return {
    kind: 'failed',
    output: { childRunId: child.executionId, error: ended.error },
    error: {
      code,
      message: `Child run ${child.executionId} ended ${ended.status.replace('_', ' ')}:${reason || ' no error given.'}`,
      retryable: ended.status !== 'cancelled',
    },
  }
}
