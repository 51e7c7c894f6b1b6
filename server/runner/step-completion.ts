// Applies finished attempts in one transaction: checks each lease is still ours (else the result
// is discarded: the step was reclaimed or the run stopped), decides retry or final outcome, lets
// the state machine ready or skip successors, appends events and finalises the execution.
import { jsonByteLength } from '@/server/engine/limits'
import { requireStep } from '@/server/engine/run/compiled-run'
import { decideRetry } from '@/server/engine/run/retry-decision'
import { onStepFinished } from '@/server/engine/run/run-state'
import type { StepError } from '@/server/engine/run/run-status'
import { resolveRetryPolicy } from '@/server/engine/retry-policy'
import {
  lockExecutions,
  RunWriter,
  snapshotsOf,
  type DefinitionCache,
  type LockedExecution,
} from './execution-state'
import type { StepResult } from './executors/step-executor'
import type { Tx } from './sql-helpers'
import { claimReadySteps, type ClaimedStep } from './step-queue'

export const MAX_STEP_OUTPUT_BYTES = 1_048_576

export interface Completion {
  executionId: string
  stepId: string
  rowId: string
  leaseToken: string
  result: StepResult
}

export interface CompletionOutcome {
  applied: Completion[]
  /** Completions whose lease was lost: another runner owns the step now, or the run stopped. */
  discarded: Completion[]
  /** Runs these completions ended. */
  runsEnded: number
  /** Successors claimed in the same transaction for the caller to dispatch at once (eager dispatch). */
  claimed: ClaimedStep[]
}

/** Claim successors this batch readies, up to `limit`, under `owner`'s lease, before committing. */
export interface EagerClaim {
  owner: string
  limit: number
  leaseMs: number
}

export async function applyCompletions(
  tx: Tx,
  deps: { cache: DefinitionCache; now: Date; random: () => number },
  completions: readonly Completion[],
  eager?: EagerClaim,
): Promise<CompletionOutcome> {
  const executions = await lockExecutions(
    tx,
    deps.cache,
    completions.map((c) => c.executionId),
    completions.map((c) => c.rowId),
  )
  const writer = new RunWriter(deps.now)
  const outcome: CompletionOutcome = { applied: [], discarded: [], runsEnded: 0, claimed: [] }
  for (const completion of completions) {
    const execution = executions.get(completion.executionId)
    const row = execution?.steps.get(completion.stepId)
    if (
      !execution ||
      !row ||
      execution.status !== 'running' ||
      row.status !== 'running' ||
      row.leaseToken !== completion.leaseToken
    ) {
      outcome.discarded.push(completion)
      continue
    }
    applyResult(writer, execution, completion, deps)
    outcome.applied.push(completion)
  }
  await writer.flush(tx)
  outcome.runsEnded = writer.endedRuns
  if (eager) {
    const readied = writer.readiedNow()
    outcome.claimed = await claimReadySteps(tx, eager.owner, eager.limit, deps.now, eager.leaseMs, readied)
  }
  return outcome
}

/** Oversized outputs are replaced by a note, so one chatty device cannot bloat every later query. */
export function capOutput(output: unknown): unknown {
  const size = jsonByteLength(output)
  if (size === undefined) return { truncated: true, reason: 'The output is not JSON-serialisable.' }
  if (size <= MAX_STEP_OUTPUT_BYTES) {
    // PostgreSQL jsonb cannot hold NUL characters; a device printing one must not wedge the queue.
    const text = JSON.stringify(output ?? null)
    return text.includes('\\u0000')
      ? (JSON.parse(text.replaceAll('\\u0000', '\\ufffd')) as unknown)
      : (output ?? null)
  }
  return {
    truncated: true,
    bytes: size,
    reason: `The output was ${size} bytes, more than the ${MAX_STEP_OUTPUT_BYTES}-byte limit.`,
  }
}

function applyResult(
  writer: RunWriter,
  execution: LockedExecution,
  completion: Completion,
  deps: { now: Date; random: () => number },
): void {
  const { stepId, result } = completion
  const row = execution.steps.get(stepId)
  if (!row) return
  const attempt = row.attempt
  switch (result.kind) {
    case 'waiting':
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
      return
    case 'succeeded': {
      const decision = onStepFinished(execution.run, snapshotsOf(execution), stepId, {
        status: 'succeeded',
        conditionResult: result.conditionResult,
      })
      writer.step(execution, stepId, {
        status: 'succeeded',
        output: capOutput(result.output),
        error: null,
        finished: true,
        clearLease: true,
      })
      writer.event(execution, 'step.succeeded', stepId, {
        attempt,
        ...(result.conditionResult !== undefined ? { result: result.conditionResult } : {}),
      })
      writer.applyDecision(execution, decision, (failed) => runError(failed))
      return
    }
    case 'failed': {
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
      return
    }
  }
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
