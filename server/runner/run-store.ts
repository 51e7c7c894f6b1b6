// Starting and operating runs: start (validated inputs, the exact version copied, all step rows in
// one transaction), cancel, resume a waiting signal step, and rerun from failed steps.
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { WorkflowError } from '@/server/engine/errors'
import { validateRunInputs } from '@/server/engine/input-schema'
import { compileRun, requireStep } from '@/server/engine/run/compiled-run'
import { checkRerunnable, planRerunKeeps } from '@/server/engine/run/rerun-plan'
import { onRunStopped, onStepFinished } from '@/server/engine/run/run-state'
import type { StepStatus } from '@/server/engine/run/run-status'
import type { TWorkflowDefinition } from '@/server/engine/workflow-schema'
import { getWorkflowVersion } from '@/server/workflows/workflow-versions'
import { processDefinitions, lockExecutions, snapshotsOf, type LockedExecution } from './execution-state'
import { createExecution } from './execution-creation'
import { startQueuedRuns, stopExecution } from './run-admission'
import { RunWriter } from './run-writer'
import { capOutput, runError } from './step-result'
import { rows, timestamp, type Tx } from '@/server/platform/sql-helpers'

// Creating a run inside a caller's transaction lives in execution-creation.ts; the triggers reach it here.
export { createExecution }

export type RunDeps = { db: Db; clock: { now: () => Date } }

const cache = processDefinitions

export async function startRun(
  deps: RunDeps,
  input: {
    workflowId: string
    version?: number | undefined
    inputs?: unknown
    trigger?: string
    /** Refuses the run before anything is written (the triggers' device pre-flight). */
    preflight?: (definition: TWorkflowDefinition, tx: Tx) => Promise<void>
  },
): Promise<{ executionId: string }> {
  // The version is read, and the device pre-flight made, in the creating transaction: one commit
  // for the whole start, and a refused run writes nothing.
  const executionId = await deps.db.transaction(async (tx) => {
    const found = await getWorkflowVersion(tx, input.workflowId, input.version)
    const inputs = requireValidInputs(found.definition, input.inputs)
    await input.preflight?.(found.definition, tx)
    return createExecution(tx, deps.clock.now(), {
      definition: found.definition,
      workflowId: input.workflowId,
      version: found.version,
      inputs,
      trigger: input.trigger ?? 'manual',
    })
  })
  return { executionId }
}

/** The run inputs checked against the workflow's input schema, defaults applied; every problem reported. */
export function requireValidInputs(definition: TWorkflowDefinition, inputs: unknown): Record<string, unknown> {
  const checked = validateRunInputs(definition.inputs, inputs)
  if (checked.ok) return checked.values
  const count = checked.issues.length
  throw new WorkflowError(
    'invalid_inputs',
    `The run inputs have ${count} problem${count === 1 ? '' : 's'}: ${checked.issues.map((i) => i.message).join(' ')}`,
    { issues: checked.issues },
  )
}

async function withLockedExecution<T>(
  deps: RunDeps,
  id: string,
  work: (tx: Tx, execution: LockedExecution, writer: RunWriter) => T | Promise<T>,
): Promise<T> {
  return deps.db.transaction(async (tx) => {
    const execution = (await lockExecutions(tx, cache, [id])).get(id)
    if (!execution) throw new WorkflowError('not_found', `Run ${id} does not exist.`)
    const writer = new RunWriter(deps.clock.now())
    const result = await work(tx, execution, writer)
    await writer.flush(tx)
    return result
  })
}

/** Cancels a running run: every unfinished step is cancelled; runners holding one lose the lease and stop it. */
export async function cancelRun(deps: RunDeps, id: string): Promise<void> {
  const wasRunning = await withLockedExecution(deps, id, (_tx, execution, writer) => {
    if (execution.status !== 'running' && execution.status !== 'queued') {
      throw new WorkflowError(
        'conflict',
        `Run ${id} already ended (${execution.status}); only a running run can be cancelled.`,
      )
    }
    const running = execution.status === 'running'
    stopExecution(writer, execution, { code: 'cancelled', message: 'The run was cancelled.' })
    return running
  })
  // Its slot under the workflow's concurrency limit is free: the next queued run may start.
  if (wasRunning) await startQueuedRuns({ db: deps.db, now: () => deps.clock.now(), cache })
}

/** Resumes a wait step parked on a signal; the payload becomes its output. */
export async function resumeStep(
  deps: RunDeps,
  input: { id: string; stepId: string; signal?: string | undefined; payload?: unknown },
): Promise<void> {
  await withLockedExecution(deps, input.id, (_tx, execution, writer) => {
    const row = execution.steps.get(input.stepId)
    if (!row) throw new WorkflowError('not_found', `Run ${input.id} has no step "${input.stepId}".`)
    const step = requireStep(execution.run, input.stepId)
    if (
      execution.status !== 'running' ||
      row.status !== 'waiting' ||
      step.type !== 'wait' ||
      step.wait.kind !== 'signal'
    ) {
      throw new WorkflowError(
        'conflict',
        `Step "${input.stepId}" is ${row.status}, not waiting for a signal; only a waiting signal step can be resumed.`,
      )
    }
    if (input.signal !== undefined && input.signal !== step.wait.signal) {
      throw new WorkflowError(
        'conflict',
        `Step "${input.stepId}" waits for the "${step.wait.signal}" signal, not "${input.signal}".`,
      )
    }
    const decision = onStepFinished(execution.run, snapshotsOf(execution), input.stepId, {
      status: 'succeeded',
    })
    writer.step(execution, input.stepId, {
      status: 'succeeded',
      output: capOutput({ signal: step.wait.signal, payload: input.payload ?? null }),
      runAt: null,
      finished: true,
      clearLease: true,
    })
    writer.event(execution, 'step.succeeded', input.stepId, {
      attempt: row.attempt,
      signal: step.wait.signal,
    })
    writer.applyDecision(execution, decision, (failed) => runError(failed))
  })
}

/** Stops runs past their deadline: the run is timed_out and its unfinished steps cancelled. */
export async function timeOutExpiredRuns(deps: RunDeps, limit = 50): Promise<number> {
  const now = deps.clock.now()
  const due = await rows<{ id: string }>(
    deps.db,
    sql`SELECT id FROM executions WHERE status = 'running' AND deadline_at <= ${timestamp(now)} ORDER BY deadline_at LIMIT ${limit}`,
  )
  for (const { id } of due) {
    await withLockedExecution(deps, id, (_tx, execution, writer) => {
      if (execution.status !== 'running') return
      writer.applyDecision(execution, onRunStopped(snapshotsOf(execution), 'timed_out'))
      writer.finishExecution(execution, 'timed_out', {
        code: 'timeout',
        message: `The run exceeded its ${String(execution.run.definition.timeout)} timeout.`,
      })
    })
  }
  return due.length
}

/** The definition a rerun uses: the run's own copy, or the workflow's current version. */
async function rerunVersion(
  deps: RunDeps,
  original: { workflow_id: string | null; workflow_version: number; definition: TWorkflowDefinition },
  input: { id: string; onVersion: 'original' | 'current' },
): Promise<{ definition: TWorkflowDefinition; version: number }> {
  if (input.onVersion === 'original') return { definition: original.definition, version: original.workflow_version }
  if (!original.workflow_id)
    throw new WorkflowError(
      'not_found',
      `The workflow of run ${input.id} was deleted; rerun it on the original version.`,
    )
  const current = await getWorkflowVersion(deps.db, original.workflow_id, undefined)
  return { definition: current.definition, version: current.version }
}

/**
 * Reruns a finished run as a new execution on the original or the current version: succeeded steps
 * keep their outputs unless they are `fromSteps` or lie behind a step that runs again
 * (`planRerunKeeps`); a run that succeeded is rerun only from steps named in `fromSteps`.
 */
export async function rerunExecution(
  deps: RunDeps,
  input: { id: string; fromSteps?: string[] | undefined; onVersion: 'original' | 'current' },
): Promise<{ executionId: string }> {
  const [original] = await rows<{
    id: string
    status: string
    workflow_id: string | null
    workflow_version: number
    definition: TWorkflowDefinition
    inputs: Record<string, unknown>
  }>(
    deps.db,
    sql`SELECT id, status, workflow_id, workflow_version, definition, inputs FROM executions WHERE id = ${input.id}`,
  )
  if (!original) throw new WorkflowError('not_found', `Run ${input.id} does not exist.`)
  checkRerunnable(input.id, original.status, input.fromSteps)
  const originalRun = compileRun(original.definition)
  for (const from of input.fromSteps ?? []) {
    if (!originalRun.steps.has(from))
      throw new WorkflowError('not_found', `Run ${input.id} has no step "${from}".`)
  }
  const { definition, version } = await rerunVersion(deps, original, input)
  const steps = await rows<{ step_id: string; status: StepStatus; output: unknown }>(
    deps.db,
    sql`SELECT step_id, status, output FROM step_executions WHERE execution_id = ${input.id}`,
  )
  const kept = planRerunKeeps(
    compileRun(definition),
    steps.map((row) => ({
      stepId: row.step_id,
      type: originalRun.steps.get(row.step_id)?.type,
      status: row.status,
      output: row.output,
    })),
    input.fromSteps,
  )
  const workflowId = original.workflow_id
  const executionId = await deps.db.transaction((tx) =>
    createExecution(tx, deps.clock.now(), {
      definition,
      workflowId,
      version,
      inputs: original.inputs,
      trigger: 'rerun',
      rerunOf: original.id,
      kept,
    }),
  )
  return { executionId }
}
