// Timing warnings: a step whose worst case (all attempts timing out plus maximal backoff)
// cannot finish within the workflow timeout.
import { formatDuration, parseDuration, tryParseDuration } from './duration'
import { maxRetryDelay, resolveRetryPolicy } from './retry-policy'
import type { TWorkflowStep } from './steps/registry'
import type { TWorkflowDefinition } from './workflow-schema'
import { issue, type WorkflowIssue } from './workflow-issues'

/** The longest one attempt of the step may take, when bounded. */
export function attemptLimitMs(step: TWorkflowStep): number | undefined {
  const own = tryParseDuration(step.timeout)
  if (own !== undefined) return own
  switch (step.type) {
    case 'webhook':
      return tryParseDuration(step.request.timeout)
    case 'wait':
      if (step.wait.kind === 'duration') return tryParseDuration(step.wait.duration)
      if (step.wait.kind === 'signal') return tryParseDuration(step.wait.timeout)
      return undefined
    default:
      return undefined
  }
}

/** Worst case of a step: maxAttempts × attempt limit + the sum of the maximal backoff delays. */
export function worstCaseMs(
  step: TWorkflowStep,
  workflow: TWorkflowDefinition,
): { totalMs: number; attempts: number; attemptMs: number; backoffMs: number } | undefined {
  const attemptMs = attemptLimitMs(step)
  if (attemptMs === undefined) return undefined
  const policy = resolveRetryPolicy(step, workflow)
  let backoffMs = 0
  for (let attempt = 1; attempt < policy.maxAttempts; attempt++) backoffMs += maxRetryDelay(policy, attempt)
  return {
    totalMs: policy.maxAttempts * attemptMs + backoffMs,
    attempts: policy.maxAttempts,
    attemptMs,
    backoffMs,
  }
}

export function checkStepTimeouts(workflow: TWorkflowDefinition): WorkflowIssue[] {
  if (workflow.timeout === undefined) return []
  const limit = parseDuration(workflow.timeout)
  const issues: WorkflowIssue[] = []
  workflow.steps.forEach((step, i) => {
    const worst = worstCaseMs(step, workflow)
    if (!worst || worst.totalMs <= limit) return
    const breakdown =
      worst.attempts > 1
        ? ` (${worst.attempts} attempts × ${formatDuration(worst.attemptMs)} + ${formatDuration(worst.backoffMs)} backoff)`
        : ''
    issues.push(
      issue({
        code: 'timeout_exceeds_workflow',
        severity: 'warning',
        stepId: step.id,
        path: ['steps', i, step.timeout !== undefined ? 'timeout' : 'retryPolicy'],
        message: `Step "${step.id}" can take up to ${formatDuration(worst.totalMs)}${breakdown}, longer than the workflow timeout of ${formatDuration(limit)}; lower its timeout or attempts, or raise the workflow timeout.`,
      }),
    )
  })
  return issues
}
