// One attempt of one claimed step: enforces the step's timeout and the interruption cap, and turns
// every problem into a failed result, so an attempt never rejects.
import type { DeviceDriver, DeviceWait } from './ports'
import { formatDuration } from '@/server/engine/duration'
import type { ExpressionContext } from '@/server/engine/expressions'
import { stepTimeoutMs, type CompiledRun } from '@/server/engine/run/compiled-run'
import type { StepError } from '@/server/engine/run/run-status'
import type { Logger } from '@/server/platform/logger'
import { executeStep } from '@/steps/executors'
import type { StepResult } from './executors/step-executor'
import type { Queryable } from '@/server/platform/sql-helpers'
import { appendEvents, type ClaimedStep } from './step-queue'

const EMPTY_CONTEXT_RUN = { id: '', workflowId: '', version: 0, startedAt: '' }

export interface AttemptDeps {
  devices: DeviceDriver
  now: () => Date
  log: Logger
  /** Attempts lost to expired leases before the step fails (a step that kills its runner every time). */
  maxInterruptions: number
  /** Where `step.awaiting_device` events go; without it they are only logged. */
  db?: Queryable
  /** Resolves once the `step.running` events being written have committed (events stay in order). */
  startsRecorded?: () => Promise<void>
}

export function failed(error: StepError): StepResult {
  return { kind: 'failed', error }
}

function missingStep(claim: ClaimedStep): StepResult {
  return failed({
    code: 'internal_error',
    message: `Step "${claim.stepId}" is missing from the run's definition.`,
    retryable: false,
  })
}

function interruptedTooOften(claim: ClaimedStep): StepResult {
  return failed({
    code: 'lease_expired',
    message: `The step was interrupted ${claim.interruptions} times (its runner stopped responding each time); not trying again.`,
    retryable: false,
  })
}

export async function runAttempt(
  deps: AttemptDeps,
  claim: ClaimedStep,
  controller: AbortController,
  run: CompiledRun | undefined,
  context: ExpressionContext | undefined,
): Promise<StepResult> {
  const step = run?.steps.get(claim.stepId)
  if (!run || !step) return missingStep(claim)
  if (claim.interruptions > deps.maxInterruptions) return interruptedTooOften(claim)
  const timeoutMs = stepTimeoutMs(step)
  const timeoutError: StepError = {
    code: 'timeout',
    message: `Step "${step.id}" did not finish within ${formatDuration(timeoutMs ?? 0)}.`,
    retryable: true,
  }
  const timer =
    timeoutMs === undefined ? undefined : setTimeout(() => controller.abort(timeoutError), timeoutMs)
  const waits = recordDeviceWaits(deps, claim)
  try {
    const result = await executeStep({
      step,
      run,
      claim,
      commandId: `${claim.rowId}:${claim.attempt}`,
      context: context ?? {
        inputs: {},
        vars: { ...run.definition.variables, ...step.variables },
        steps: {},
        run: EMPTY_CONTEXT_RUN,
      },
      signal: controller.signal,
      timeoutMs,
      now: deps.now,
      devices: deps.devices,
      onDeviceWait: waits.record,
    })
    if (controller.signal.reason === timeoutError) return failed(timeoutError)
    return result
  } catch (error) {
    if (controller.signal.reason === timeoutError) return failed(timeoutError)
    deps.log.error(
      { err: error, executionId: claim.executionId, stepId: claim.stepId },
      'step executor threw',
    )
    return failed({
      code: 'internal_error',
      message: `The runner failed while executing the step: ${error instanceof Error ? error.message : String(error)}`,
      retryable: true,
    })
  } finally {
    clearTimeout(timer)
    // The wait's event commits before the result is applied, so the run's events stay in order.
    await waits.settled()
  }
}

/** `step.awaiting_device` events of one attempt: at most one per reason, written off the dispatch path. */
function recordDeviceWaits(deps: AttemptDeps, claim: ClaimedStep) {
  const told = new Set<DeviceWait['reason']>()
  const writes: Promise<void>[] = []
  return {
    record: (wait: DeviceWait): void => {
      if (told.has(wait.reason)) return
      told.add(wait.reason)
      deps.log.info(
        { executionId: claim.executionId, stepId: claim.stepId, reason: wait.reason },
        wait.message,
      )
      if (!deps.db) return
      const event = {
        executionId: claim.executionId,
        type: 'step.awaiting_device' as const,
        stepId: claim.stepId,
        payload: {
          attempt: claim.attempt,
          reason: wait.message,
          wait: wait.reason,
          ...(wait.deadline ? { deadline: wait.deadline.toISOString() } : {}),
        },
      }
      const db = deps.db
      writes.push(
        (deps.startsRecorded?.() ?? Promise.resolve())
          .then(() => appendEvents(db, [event], deps.now()))
          .catch((error: unknown) =>
            deps.log.warn(
              { err: error, executionId: claim.executionId },
              'could not record step.awaiting_device',
            ),
          ),
      )
    },
    settled: () => Promise.all(writes).then(() => undefined),
  }
}
