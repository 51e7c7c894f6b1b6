// In-process steps (those that need no device and never wait: conditions, transforms) are decided by the
// transaction that readies them: a chain of them costs no claim, no dispatch and no commit of its
// own. A step that fails and retries later, or that this transaction cannot see, goes through the
// queue like any other, so nothing here is needed for correctness, only for speed.
import type { DeviceDriver } from './ports'
import { buildRunContext } from '@/server/engine/run/run-context'
import { isInProcessStepType, type TWorkflowStep } from '@/steps/registry'
import { executeStep } from '@/steps/executors'
import type { StepResult } from './executors/step-executor'
import type { LockedExecution } from './execution-state'
import type { RunWriter } from './run-writer'
import type { Tx } from '@/server/platform/sql-helpers'
import { applyResult, capOutput } from './step-result'
import { loadRunData, type RunData } from './step-context'

/** A bound on decisions per transaction, so a mistaken retry policy cannot spin a transaction. */
const MAX_DECISIONS_PER_TRANSACTION = 10_000

/** Step types that declare `inProcess` in the registry (conditions, transforms). */
export function isInProcessStep(step: TWorkflowStep): boolean {
  return isInProcessStepType(step.type)
}

/** In-process executors reach no device; one that tried would get this answer. */
const NO_DEVICES: DeviceDriver = {
  dispatch: () =>
    Promise.resolve({
      ok: false,
      error: {
        code: 'internal_error',
        message: 'An in-process step cannot reach devices.',
        retryable: false,
      },
    }),
  matchDevices: () => [],
}

interface DueStep {
  execution: LockedExecution
  stepId: string
}

function dueInProcessSteps(writer: RunWriter, executions: Iterable<LockedExecution>): DueStep[] {
  const readied = new Set(writer.readiedNow())
  if (readied.size === 0) return []
  const due: DueStep[] = []
  for (const execution of executions) {
    if (execution.status !== 'running') continue
    for (const row of execution.steps.values()) {
      const step = execution.run.steps.get(row.stepId)
      if (row.status === 'ready' && readied.has(row.rowId) && step && isInProcessStep(step))
        due.push({ execution, stepId: row.stepId })
    }
  }
  return due
}

/**
 * Decides every in-process step that `writer` readied to run now, and those their outcomes ready
 * in turn. `known` holds run data the caller already has (a run it just created); anything else is
 * read after flushing the writer, so the reads see this transaction's own writes.
 */
export async function decideInProcessSteps(
  tx: Tx,
  writer: RunWriter,
  executions: ReadonlyMap<string, LockedExecution>,
  deps: { now: Date; random: () => number },
  known: Map<string, RunData> = new Map(),
): Promise<number> {
  let decided = 0
  for (;;) {
    const due = dueInProcessSteps(writer, executions.values())
    if (due.length === 0 || decided >= MAX_DECISIONS_PER_TRANSACTION) return decided
    const missing = [...new Set(due.map((d) => d.execution.id))].filter((id) => !known.has(id))
    if (missing.length > 0) {
      await writer.flush(tx)
      for (const [id, data] of await loadRunData(tx, missing)) known.set(id, data)
    }
    for (const { execution, stepId } of due) {
      const data = known.get(execution.id)
      if (!data) continue
      await decideOne(writer, execution, stepId, data, deps)
      decided++
    }
  }
}

async function decideOne(
  writer: RunWriter,
  execution: LockedExecution,
  stepId: string,
  data: RunData,
  deps: { now: Date; random: () => number },
): Promise<void> {
  const step = execution.run.steps.get(stepId)
  const row = execution.steps.get(stepId)
  if (!step || !row) return
  writer.step(execution, stepId, { status: 'running', startAttempt: true })
  writer.event(execution, 'step.running', stepId, { attempt: row.attempt, owner: 'in-process' })
  const result = await executeInProcess(execution, step, row.rowId, row.attempt, data, deps.now)
  applyResult(writer, execution, { stepId, result }, deps)
  rememberResult(execution, data, stepId, result)
}

function executeInProcess(
  execution: LockedExecution,
  step: TWorkflowStep,
  rowId: string,
  attempt: number,
  data: RunData,
  now: Date,
): Promise<StepResult> {
  const results = [...execution.steps.values()].map((r) => ({
    stepId: r.stepId,
    status: r.status,
    output: data.results.get(r.stepId)?.output ?? null,
    error: data.results.get(r.stepId)?.error ?? null,
  }))
  const context = buildRunContext(execution.run.definition, step, data.info, data.inputs, results)
  const interruptions = execution.steps.get(step.id)?.interruptions ?? 0
  return executeStep({
    step,
    run: execution.run,
    claim: {
      rowId,
      executionId: execution.id,
      stepId: step.id,
      attempt,
      interruptions,
      leaseToken: '',
      claimedFrom: 'ready',
      input: null,
    },
    commandId: `${rowId}:${attempt}`,
    context,
    signal: new AbortController().signal,
    timeoutMs: undefined,
    now: () => now,
    devices: NO_DEVICES,
    onDeviceWait: () => {},
  }).catch((error: unknown) => ({
    kind: 'failed' as const,
    error: {
      code: 'internal_error',
      message: `The step failed in-process: ${error instanceof Error ? error.message : String(error)}`,
      retryable: true,
    },
  }))
}

/** Keeps the outcome for later in-process steps of the same transaction to read. */
function rememberResult(execution: LockedExecution, data: RunData, stepId: string, result: StepResult): void {
  const status = execution.steps.get(stepId)?.status
  if (status !== 'succeeded' && status !== 'failed') return
  const output =
    result.kind === 'waiting' ? null : result.output === undefined ? null : capOutput(result.output)
  const error = result.kind === 'failed' ? result.error : null
  data.results.set(stepId, { stepId, status, output, error })
}
