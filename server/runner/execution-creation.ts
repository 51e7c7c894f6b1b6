// Creating a run inside the caller's transaction: the execution and all its step rows in one
// statement, then its admission against the workflow's concurrency limit (start, queue or refuse),
// and on a start the in-process steps it readies decided at once.
import { sql } from 'drizzle-orm'
import type { Admission } from '@/server/engine/run/admission'
import { compileRun, type CompiledRun } from '@/server/engine/run/compiled-run'
import type { KeptStep } from '@/server/engine/run/rerun-plan'
import type { StepStatus } from '@/server/engine/run/run-status'
import type { TWorkflowDefinition } from '@/server/engine/workflow-schema'
import type { RunKind } from '@/server/platform/run-kind'
import { rows, timestamp, type Tx } from '@/server/platform/sql-helpers'
import { processDefinitions, type LockedExecution, type StepRowState } from './execution-state'
import { decideInProcessSteps } from './in-process-steps'
import { admitRun, openExecution, runDeadline, stopExecution } from './run-admission'
import { RunWriter } from './run-writer'
import type { RunData } from './step-context'
import { capOutput } from './step-result'

const cache = processDefinitions

export interface NewExecution {
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

/** A step row as inserted: kept steps of a rerun start succeeded with their output. */
interface NewStepRow {
  step_id: string
  status: string
  output: unknown
  finished: boolean
}

/**
 * Inserts the execution and one row per step, then admits it against the workflow's concurrency
 * limit: it starts (roots, or what kept results decide, become ready), waits queued, or is cancelled.
 */
export async function createExecution(tx: Tx, now: Date, spec: NewExecution): Promise<string> {
  const run = compileRun(spec.definition)
  const admission = await admitRun(tx, cache, now, spec.workflowId, spec.definition)
  const starts = admission.kind === 'start'
  const stepRows = newStepRows(run, spec.kept)
  const inserted = await insertExecution(tx, now, spec, starts, stepRows)
  const id = inserted[0]?.execution_id ?? ''
  if (!id) throw new Error('insert into executions returned no row')
  cache.set(id, run)
  // Nobody else can see the run before this transaction commits: its state is what was just written.
  const execution = newExecutionState(id, starts ? 'running' : 'queued', run, stepRows, inserted, spec)
  const writer = new RunWriter(now)
  for (const row of stepRows)
    if (row.finished) writer.event(execution, 'step.kept', row.step_id, { from: spec.rerunOf })
  await applyAdmission(tx, writer, execution, admission, { now, spec, stepRows })
  await writer.flush(tx)
  return id
}

function newStepRows(run: CompiledRun, kept: ReadonlyMap<string, KeptStep> | undefined): NewStepRow[] {
  return run.graph.stepIds.map((stepId) => {
    const keptStep = kept?.has(stepId) ? kept.get(stepId) : undefined
    return {
      step_id: stepId,
      status: keptStep ? 'succeeded' : 'pending',
      output: keptStep ? capOutput(keptStep.output) : null,
      finished: keptStep !== undefined,
    }
  })
}

/** One statement inserts the run (running at once when admitted) and its step rows. */
function insertExecution(
  tx: Tx,
  now: Date,
  spec: NewExecution,
  starts: boolean,
  stepRows: readonly NewStepRow[],
): Promise<{ id: string; step_id: string; execution_id: string }[]> {
  const deadline = starts ? runDeadline(spec.definition, now) : null
  return rows<{ id: string; step_id: string; execution_id: string }>(
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
}

/** Queues the new run, refuses it, or opens it and decides the in-process steps it readies. */
async function applyAdmission(
  tx: Tx,
  writer: RunWriter,
  execution: LockedExecution,
  admission: Admission,
  created: { now: Date; spec: NewExecution; stepRows: readonly NewStepRow[] },
): Promise<void> {
  const { now, spec } = created
  const opening = {
    workflowId: spec.workflowId,
    version: spec.version,
    trigger: spec.trigger,
    ...(spec.kind === 'test' ? { test: true } : {}),
    ...(spec.rerunOf ? { rerunOf: spec.rerunOf } : {}),
    ...(spec.parent ? { parentRunId: spec.parent.executionId, parentStepId: spec.parent.stepId } : {}),
  }
  if (admission.kind === 'queue') writer.event(execution, 'run.queued', null, { ...opening, reason: admission.reason })
  else if (admission.kind === 'cancel-new')
    stopExecution(writer, execution, { code: 'concurrency_limit', message: admission.reason })
  else {
    openExecution(writer, execution, opening)
    await decideInProcessSteps(
      tx,
      writer,
      new Map([[execution.id, execution]]),
      { now, random: Math.random },
      new Map([[execution.id, knownRunData(execution.id, now, spec, created.stepRows)]]),
    )
  }
}

function newExecutionState(
  id: string,
  status: 'running' | 'queued',
  run: CompiledRun,
  stepRows: readonly { step_id: string; status: string }[],
  inserted: readonly { id: string; step_id: string }[],
  spec: Pick<NewExecution, 'kept' | 'parent'>,
): LockedExecution {
  const rowIds = new Map(inserted.map((r) => [r.step_id, r.id]))
  const steps = new Map<string, StepRowState>()
  for (const row of stepRows) {
    const rowId = rowIds.get(row.step_id)
    if (!rowId) throw new Error(`the new execution has no row for step "${row.step_id}"`)
    const status = row.status as StepStatus
    const conditionResult = spec.kept?.get(row.step_id)?.conditionResult
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
  return { id, status, lastSeq: 0, isChild: spec.parent !== undefined, run, steps }
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
