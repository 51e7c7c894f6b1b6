// Applies one attempt's result to a locked execution: parks the step, schedules a retry, or
// finishes it and lets the state machine decide what follows. Shared by completions and in-process steps.
import { jsonByteLength, jsonTextWithoutNul } from '@/contracts/json-guard'
import { requireStep } from '@/server/engine/run/compiled-run'
import { decideRetry } from '@/server/engine/run/retry-decision'
import { onStepFinished } from '@/server/engine/run/run-state'
import type { StepError } from '@/server/engine/run/run-status'
import { resolveRetryPolicy } from '@/server/engine/retry-policy'
import { snapshotsOf, type LockedExecution } from './execution-state'
import type { RunWriter } from './run-writer'
import type { StepResult } from './executors/step-executor'

export const MAX_STEP_OUTPUT_BYTES = 1_048_576

/** Oversized outputs are replaced by a note, so one chatty device cannot bloat every later query. */
export function capOutput(output: unknown): unknown {
  const size = jsonByteLength(output)
  if (size === undefined) return { truncated: true, reason: 'The output is not JSON-serialisable.' }
  if (size <= MAX_STEP_OUTPUT_BYTES) {
    // PostgreSQL jsonb cannot hold NUL characters; a device printing one must not wedge the queue.
    const text = JSON.stringify(output ?? null)
    return text.includes('\\u0000') ? (JSON.parse(jsonTextWithoutNul(output)) as unknown) : (output ?? null)
  }
  return {
    truncated: true,
    bytes: size,
    reason: `The output was ${size} bytes, more than the ${MAX_STEP_OUTPUT_BYTES}-byte limit.`,
  }
}

/** Records one attempt's result: parks it, schedules a retry, or finishes the step and decides what follows. */
export function applyResult(
  writer: RunWriter,
  execution: LockedExecution,
  completion: { stepId: string; result: StepResult },
  deps: { now: Date; random: () => number },
): void {
  const { stepId, result } = completion
  const row = execution.steps.get(stepId)
  if (!row) return
  switch (result.kind) {
    case 'waiting':
      return parkStep(writer, execution, stepId, row.attempt, result)
    case 'succeeded':
      return finishSucceeded(writer, execution, { stepId, row }, result)
    case 'failed':
      return failStep(writer, execution, { stepId, row }, result, deps)
  }
}

type LockedStep = { stepId: string; row: NonNullable<ReturnType<LockedExecution['steps']['get']>> }

function parkStep(
  writer: RunWriter,
  execution: LockedExecution,
  stepId: string,
  attempt: number,
  result: Extract<StepResult, { kind: 'waiting' }>,
): void {
  writer.step(execution, stepId, {
    status: 'waiting',
    runAt: result.runAt,
    input: result.input,
    clearLease: true,
  })
  writer.event(execution, 'step.waiting', stepId, {
    attempt,
    until: result.runAt?.toISOString() ?? null,
    ...result.input,
  })
}

function finishSucceeded(
  writer: RunWriter,
  execution: LockedExecution,
  { stepId, row }: LockedStep,
  result: Extract<StepResult, { kind: 'succeeded' }>,
): void {
  const decision = onStepFinished(execution.run, snapshotsOf(execution), stepId, {
    status: 'succeeded',
    conditionResult: result.conditionResult,
  })
  // Later decisions in this batch read the branch this condition chose.
  row.conditionResult = result.conditionResult
  writer.step(execution, stepId, {
    status: 'succeeded',
    output: capOutput(result.output),
    error: null,
    finished: true,
    clearLease: true,
  })
  writer.event(execution, 'step.succeeded', stepId, {
    attempt: row.attempt,
    ...(result.conditionResult !== undefined ? { result: result.conditionResult } : {}),
  })
  writer.applyDecision(execution, decision, (failed) => runError(failed))
}

/** Schedules a retry when the policy allows one, else finishes the step as failed. */
function failStep(
  writer: RunWriter,
  execution: LockedExecution,
  { stepId, row }: LockedStep,
  result: Extract<StepResult, { kind: 'failed' }>,
  deps: { now: Date; random: () => number },
): void {
  const attempt = row.attempt
  const step = requireStep(execution.run, stepId)
  const policy = resolveRetryPolicy(step, execution.run.definition)
  const retry = decideRetry(policy, attempt - row.interruptions, result.error, deps.random)
  if (retry.retry) {
    const runAt = new Date(deps.now.getTime() + retry.delayMs)
    writer.step(execution, stepId, {
      status: 'ready',
      runAt,
      error: result.error,
      input: null,
      clearLease: true,
    })
    writer.event(execution, 'step.retry_scheduled', stepId, {
      attempt,
      error: result.error,
      delayMs: retry.delayMs,
      runAt: runAt.toISOString(),
    })
    return
  }
  const decision = onStepFinished(execution.run, snapshotsOf(execution), stepId, { status: 'failed' })
  const output = result.output === undefined ? undefined : capOutput(result.output)
  writer.step(execution, stepId, {
    status: 'failed',
    error: result.error,
    ...(output === undefined ? {} : { output }),
    finished: true,
    clearLease: true,
  })
  writer.event(execution, 'step.failed', stepId, { attempt, error: result.error, retry: retry.reason })
  const endedByFailStep = step.type === 'fail'
  writer.applyDecision(execution, decision, (failed) => runError(failed, stepId, result.error, endedByFailStep))
}

export function runError(failedSteps: string[], lastStep?: string, lastError?: StepError, endedByFailStep = false) {
  // A fail step's code and message are the run's error: the author chose them for the reader.
  if (endedByFailStep && lastStep && lastError)
    return { code: lastError.code, message: lastError.message, failedSteps, step: lastStep }
  const which = failedSteps.map((s) => `"${s}"`).join(', ')
  const detail =
    lastStep && lastError && failedSteps.includes(lastStep) ? ` Step "${lastStep}": ${lastError.message}` : ''
  return {
    code: 'step_failed',
    message: `Step${failedSteps.length === 1 ? '' : 's'} ${which} failed and no failure handler ran for ${failedSteps.length === 1 ? 'it' : 'them'}.${detail}`,
    failedSteps,
  }
}
