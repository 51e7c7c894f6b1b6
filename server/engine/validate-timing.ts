// Timing warnings: a step whose worst case (all attempts timing out plus maximal backoff)
// cannot finish within the workflow timeout.
import { formatDuration, parseDuration, tryParseDuration } from './duration'
import { maxRetryDelay, resolveRetryPolicy } from './retry-policy'
import type { TWorkflowStep } from './steps/registry'
import type { TWorkflowDefinition } from './workflow-schema'
import { issue, type WorkflowIssue } from './workflow-issues'

/** How long one attempt may take, and whether running out of it is retried (a step timeout is). */
export interface AttemptLimit {
  ms: number
  retried: boolean
}

/** The limit of one attempt, as the runner enforces it; undefined when unbounded. */
export function attemptLimit(step: TWorkflowStep): AttemptLimit | undefined {
  const own = tryParseDuration(step.timeout)
  if (step.type === 'wait') return waitLimit(own, step)
  if (own !== undefined) return { ms: own, retried: true }
  if (step.type === 'webhook') {
    const request = tryParseDuration(step.request.timeout)
    return request === undefined ? undefined : { ms: request, retried: true }
  }
  return undefined
}

/**
 * A wait ends at whichever comes first: its own end (a duration passes and it succeeds; a signal's
 * `wait.timeout` fails it for good, never retried) or the step timeout (a retryable `timeout`).
 */
function waitLimit(own: number | undefined, step: Extract<TWorkflowStep, { type: 'wait' }>): AttemptLimit | undefined {
  const natural =
    step.wait.kind === 'duration'
      ? tryParseDuration(step.wait.duration)
      : step.wait.kind === 'signal'
        ? tryParseDuration(step.wait.timeout)
        : undefined
  if (own !== undefined && (natural === undefined || own < natural)) return { ms: own, retried: true }
  return natural === undefined ? undefined : { ms: natural, retried: false }
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
    const waitEndsFirst = step.type === 'wait' && attemptLimit(step)?.retried === false
    const field = waitEndsFirst
      ? ['wait', step.wait.kind === 'duration' ? 'duration' : 'timeout']
      : [step.timeout !== undefined ? 'timeout' : 'retryPolicy']
    const advice = waitEndsFirst
      ? 'shorten the wait or raise the workflow timeout'
      : 'lower its timeout or attempts, or raise the workflow timeout'
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
