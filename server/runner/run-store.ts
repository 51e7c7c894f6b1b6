// Starting and operating runs: start (validated inputs, the exact version copied, all step rows in
// one transaction), cancel, resume a waiting signal step, and rerun from failed steps.
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { WorkflowError } from '@/server/engine/errors'
import { validateRunInputs } from '@/server/engine/input-schema'
import { compileRun, requireStep, type CompiledRun } from '@/server/engine/run/compiled-run'
import { checkRerunnable, planRerunKeeps, type KeptStep } from '@/server/engine/run/rerun-plan'
import { onRunStopped, onStepFinished } from '@/server/engine/run/run-state'
import type { StepStatus } from '@/server/engine/run/run-status'
import type { TWorkflowDefinition } from '@/server/engine/workflow-schema'
import { getWorkflowVersion } from '@/server/workflows/workflow-store'
import {
  processDefinitions,
  lockExecutions,
  RunWriter,
  snapshotsOf,
  type LockedExecution,
  type StepRowState,
} from './execution-state'
import { admitRun, openExecution, runDeadline, startQueuedRuns, stopExecution } from './run-admission'
import { decideInProcessSteps } from './in-process-steps'
import { capOutput, runError } from './step-result'
import type { RunData } from './step-context'
import type { RunKind } from '@/server/platform/run-kind'
import { rows, timestamp, type Tx } from '@/server/platform/sql-helpers'

export type RunDeps = { db: Db; clock: { now: () => Date } }

const cache = processDefinitions

interface NewExecution {
  definition: TWorkflowDefinition
  workflowId: string | null
  version: number
  inputs: Record<string, unknown>
  trigger: string
  rerunOf?: string
  kept?: Map<string, KeptStep>
  /** The `workflow` step that starts this run as its child, and how deeply nested the child is. */
  parent?: { executionId: string; stepId: string; depth: number }
  /** Default 'run'; 'test' for one step tested from the editor. */
  kind?: RunKind
}

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

/**
 * Inserts the execution and one row per step, then admits it against the workflow's concurrency
 * limit: it starts (roots, or what kept results decide, become ready), waits queued, or is cancelled.
 */
export async function createExecution(tx: Tx, now: Date, spec: NewExecution): Promise<string> {
  const run = compileRun(spec.definition)
  const admission = await admitRun(tx, cache, now, spec.workflowId, spec.definition)
  const starts = admission.kind === 'start'
  const deadline = starts ? runDeadline(spec.definition, now) : null
  const stepRows = run.graph.stepIds.map((stepId) => {
    const keptStep = spec.kept?.has(stepId) ? spec.kept.get(stepId) : undefined
    return {
      step_id: stepId,
      status: keptStep ? 'succeeded' : 'pending',
      output: keptStep ? capOutput(keptStep.output) : null,
      finished: keptStep !== undefined,
    }
  })
  // One statement inserts the run (running at once when admitted) and its step rows.
  const inserted = await rows<{ id: string; step_id: string; execution_id: string }>(
    tx,
    sql`WITH created AS (
          INSERT INTO executions (workflow_id, workflow_version, definition, status, trigger, inputs, created_at, rerun_of, started_at, deadline_at,
            parent_execution_id, parent_step_id, call_depth, kind)
          VALUES (${spec.workflowId}, ${spec.version}, ${JSON.stringify(spec.definition)}::jsonb, ${starts ? 'running' : 'queued'}, ${spec.trigger},
            ${JSON.stringify(spec.inputs)}::jsonb, ${timestamp(now)}, ${spec.rerunOf ?? null},
            ${starts ? timestamp(now) : null}, ${deadline ? timestamp(deadline) : null},
            ${spec.parent?.executionId ?? null}::uuid, ${spec.parent?.stepId ?? null}, ${spec.parent?.depth ?? 0}, ${spec.kind ?? 'run'})
          RETURNING id
        )
        INSERT INTO step_executions (execution_id, step_id, status, output, finished_at)
        SELECT created.id, v.step_id, v.status, v.output, CASE WHEN v.finished THEN ${timestamp(now)}::timestamptz END
        FROM created, jsonb_to_recordset(${JSON.stringify(stepRows)}::jsonb) AS v(step_id text, status text, output jsonb, finished boolean)
        RETURNING id, step_id, execution_id`,
  )
  const created = { id: inserted[0]?.execution_id ?? '' }
  if (!created.id) throw new Error('insert into executions returned no row')
  cache.set(created.id, run)
  // Nobody else can see the run before this transaction commits: its state is what was just written.
  const execution = newExecutionState(created.id, starts ? 'running' : 'queued', run, stepRows, inserted, spec.kept)
  const writer = new RunWriter(now)
  for (const row of stepRows)
    if (row.finished) writer.event(execution, 'step.kept', row.step_id, { from: spec.rerunOf })
  const opening = {
    workflowId: spec.workflowId,
    version: spec.version,
    trigger: spec.trigger,
    ...(spec.kind === 'test' ? { test: true } : {}),
    ...(spec.rerunOf ? { rerunOf: spec.rerunOf } : {}),
    ...(spec.parent ? { parentRunId: spec.parent.executionId, parentStepId: spec.parent.stepId } : {}),
  }
  if (admission.kind === 'queue')
    writer.event(execution, 'run.queued', null, { ...opening, reason: admission.reason })
  else if (admission.kind === 'cancel-new')
    stopExecution(writer, execution, { code: 'concurrency_limit', message: admission.reason })
  else {
    openExecution(writer, execution, opening)
    await decideInProcessSteps(
      tx,
      writer,
      new Map([[execution.id, execution]]),
      { now, random: Math.random },
      new Map([[execution.id, knownRunData(created.id, now, spec, stepRows)]]),
    )
  }
  await writer.flush(tx)
  return created.id
}

function newExecutionState(
  id: string,
  status: 'running' | 'queued',
  run: CompiledRun,
  stepRows: readonly { step_id: string; status: string }[],
  inserted: readonly { id: string; step_id: string }[],
  kept: ReadonlyMap<string, KeptStep> | undefined,
): LockedExecution {
  const rowIds = new Map(inserted.map((r) => [r.step_id, r.id]))
  const steps = new Map<string, StepRowState>()
  for (const row of stepRows) {
    const rowId = rowIds.get(row.step_id)
    if (!rowId) throw new Error(`the new execution has no row for step "${row.step_id}"`)
    const status = row.status as StepStatus
    const conditionResult = kept?.get(row.step_id)?.conditionResult
    steps.set(row.step_id, {
      rowId,
      stepId: row.step_id,
      status,
      attempt: 0,
      interruptions: 0,
      leaseToken: null,
      conditionResult: run.steps.get(row.step_id)?.type === 'condition' ? conditionResult : undefined,
    })
  }
  return { id, status, lastSeq: 0, run, steps }
}

/** What a run just created can read, without reading it back. */
function knownRunData(
  id: string,
  now: Date,
  spec: NewExecution,
  stepRows: readonly { step_id: string; output: unknown; finished: boolean }[],
): RunData {
  const results = new Map(
    stepRows
      .filter((r) => r.finished)
      .map((r) => [r.step_id, { stepId: r.step_id, status: 'succeeded', output: r.output, error: null }]),
  )
  const info = { id, workflowId: spec.workflowId ?? '', version: spec.version, startedAt: now.toISOString() }
  return { info, inputs: spec.inputs, results }
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
