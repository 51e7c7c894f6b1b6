// Applies finished attempts in one transaction: checks each lease is still ours (else the result
// is discarded: the step was reclaimed or the run stopped), decides retry or final outcome, lets
// the state machine ready or skip successors, appends events and finalises the execution.
import { isChildStart } from './child-call'
import { startChildRun } from './child-runs'
import { lockExecutions, type DefinitionCache } from './execution-state'
import { RunWriter } from './run-writer'
import type { StepResult } from './executors/step-executor'
import { decideInProcessSteps } from './in-process-steps'
import type { Tx } from '@/server/platform/sql-helpers'
import { claimReadySteps, notifyStepsReady, type ClaimedStep } from './step-queue'
import { applyResult } from './step-result'

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
  /** Of those, runs of workflows with a concurrency limit (queued runs may start). */
  limitedRunsEnded: number
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
  writer.deferStepWakeup = eager !== undefined
  const outcome: CompletionOutcome = { applied: [], discarded: [], runsEnded: 0, limitedRunsEnded: 0, claimed: [] }
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
    const request = completion.result.kind === 'waiting' ? completion.result.input : undefined
    const result = isChildStart(request)
      ? await startChildRun(tx, execution, completion.stepId, request, deps.now)
      : completion.result
    applyResult(writer, execution, { stepId: completion.stepId, result }, deps)
    outcome.applied.push(completion)
  }
  await decideInProcessSteps(tx, writer, executions, deps)
  await writer.flush(tx)
  outcome.runsEnded = writer.endedRuns
  outcome.limitedRunsEnded = writer.endedLimitedRuns
  if (eager) {
    const readied = writer.readiedNow()
    outcome.claimed = await claimReadySteps(tx, eager.owner, eager.limit, deps.now, eager.leaseMs, readied)
    // Steps left ready (more than this runner has room for) are for the other runners.
    if (outcome.claimed.length < readied.length) await notifyStepsReady(tx)
  }
  return outcome
}
