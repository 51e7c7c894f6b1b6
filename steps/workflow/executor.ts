// `workflow`: the first attempt renders the child's inputs and asks to park the step with a start
// request (the completion transaction creates the child run: server/runner/child-runs.ts). When the
// child ends, its run writer wakes this step with the outcome; the step's own `timeout`, if set,
// wakes it too and fails it (the child is then cancelled).
import { isJsonObject } from '@/server/engine/json-value'
import { formatDuration } from '@/server/engine/duration'
import { renderParams } from '@/server/engine/templating'
import type { ChildLink } from '@/server/runner/child-run-links'
import { childOutcome, type ChildStart } from '@/server/runner/child-call'
import { failureFromError, type StepExecution, type StepExecutor, type StepResult } from '@/server/runner/executors/step-executor'

type WorkflowStep = Extract<Parameters<StepExecutor>[0]['step'], { type: 'workflow' }>

export const executeWorkflow: StepExecutor<WorkflowStep> = (execution) =>
  Promise.resolve(isChildLink(execution.claim.input) ? resumeCall(execution, execution.claim.input) : startCall(execution))

function isChildLink(input: unknown): input is ChildLink {
  return isJsonObject(input) && isJsonObject(input.child) && typeof input.child.executionId === 'string'
}

function startCall(execution: StepExecution<WorkflowStep>): StepResult {
  let inputs: unknown
  try {
    inputs = renderParams(execution.step.inputs, execution.context)
  } catch (error) {
    return failureFromError(error, 'Could not render the child run inputs')
  }
  const timeoutAt =
    execution.timeoutMs !== undefined ? new Date(execution.now().getTime() + execution.timeoutMs).toISOString() : undefined
  const request: ChildStart = {
    start: { workflowId: execution.step.workflow.id, version: execution.step.workflow.version, inputs: inputs as Record<string, unknown> },
    ...(timeoutAt ? { timeoutAt } : {}),
  }
  return { kind: 'waiting', runAt: timeoutAt ? new Date(timeoutAt) : null, input: { ...request } }
}

function resumeCall(execution: StepExecution<WorkflowStep>, link: ChildLink): StepResult {
  if (link.ended) return childOutcome({ ...link, ended: link.ended })
  if (link.timeoutAt !== undefined && new Date(link.timeoutAt) <= execution.now()) {
    return {
      kind: 'failed',
      error: {
        code: 'timeout',
        message: `Step "${execution.step.id}" did not finish within ${formatDuration(execution.timeoutMs ?? 0)}; child run ${link.child.executionId} was cancelled.`,
        retryable: true,
      },
    }
  }
  // Woken early (a deadline moved): keep waiting for the child.
  return { kind: 'waiting', runAt: link.timeoutAt ? new Date(link.timeoutAt) : null, input: { ...link } }
}
