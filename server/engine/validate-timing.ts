// Timing warnings: a step whose worst case (all attempts timing out plus maximal backoff)
// cannot finish within the workflow timeout.
import { formatDuration, parseDuration, tryParseDuration } from './duration'
import { maxRetryDelay, resolveRetryPolicy } from './retry-policy'
import type { AttemptLimit } from '@/steps/define-step'
import { getStepType, type TWorkflowStep } from '@/steps/registry'
import type { TWorkflowDefinition } from './workflow-schema'
import { issue, type WorkflowIssue } from './workflow-issues'

export type { AttemptLimit }

/** The limit of one attempt, as the runner enforces it; undefined when unbounded. */
export function attemptLimit(step: TWorkflowStep): AttemptLimit | undefined {
  const own = tryParseDuration(step.timeout)
  const typed = getStepType(step.type)?.timing.attemptLimit
  if (typed) return typed(step, own)
  return own === undefined ? undefined : { ms: own, retried: true }
}

/** Worst case of a step: attempts × attempt limit + the sum of the maximal backoff delays between them. */
export function worstCaseMs(
  step: TWorkflowStep,
  workflow: TWorkflowDefinition,
): { totalMs: number; attempts: number; attemptMs: number; backoffMs: number } | undefined {
  const limit = attemptLimit(step)
  if (limit === undefined) return undefined
  const policy = resolveRetryPolicy(step, workflow)
  const attempts = limit.retried ? policy.maxAttempts : 1
  let backoffMs = 0
  for (let attempt = 1; attempt < attempts; attempt++) backoffMs += maxRetryDelay(policy, attempt)
  return { totalMs: attempts * limit.ms + backoffMs, attempts, attemptMs: limit.ms, backoffMs }
}

export function checkStepTimeouts(workflow: TWorkflowDefinition): WorkflowIssue[] {
  if (workflow.timeout === undefined) return []
  const limit = parseDuration(workflow.timeout)
  const issues: WorkflowIssue[] = []
  workflow.steps.forEach((step, i) => {
    const worst = worstCaseMs(step, workflow)
    if (!worst || worst.totalMs <= limit) return
    const ownEnd = attemptLimit(step)?.retried === false ? getStepType(step.type)?.timing.ownEnd?.(step) : undefined
    const field = ownEnd?.field ?? [step.timeout !== undefined ? 'timeout' : 'retryPolicy']
    const advice = ownEnd?.advice ?? 'lower its timeout or attempts, or raise the workflow timeout'
    const breakdown =
      worst.attempts > 1
        ? ` (${worst.attempts} attempts × ${formatDuration(worst.attemptMs)} + ${formatDuration(worst.backoffMs)} backoff)`
        : ''
    issues.push(
      issue({
        code: 'timeout_exceeds_workflow',
        severity: 'warning',
        stepId: step.id,
        path: ['steps', i, ...field],
        message: `Step "${step.id}" can take up to ${formatDuration(worst.totalMs)}${breakdown}, longer than the workflow timeout of ${formatDuration(limit)}; ${advice}.`,
      }),
    )
  })
  return issues
}
