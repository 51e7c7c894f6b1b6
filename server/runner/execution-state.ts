// Loads executions under a row lock (the per-execution serialisation point for the state machine)
// together with their step rows; run-writer.ts writes back what a batch decided for them.
import { sql } from 'drizzle-orm'
import { compileRun, type CompiledRun } from '@/server/engine/run/compiled-run'
import type { StepSnapshot } from '@/server/engine/run/run-state'
import type { ExecutionStatus, StepStatus } from '@/server/engine/run/run-status'
import type { TWorkflowDefinition } from '@/server/engine/workflow-schema'
import { rows, uuidArray, type Queryable, type Tx } from '@/server/platform/sql-helpers'

export interface StepRowState {
  rowId: string
  stepId: string
  status: StepStatus
  attempt: number
  interruptions: number
  leaseToken: string | null
  conditionResult: boolean | undefined
}

export interface LockedExecution {
  id: string
  status: ExecutionStatus
  lastSeq: number
  /** A child run (of a `workflow` step): its end wakes the parent step. */
  isChild: boolean
  run: CompiledRun
  steps: Map<string, StepRowState>
}

/** Compiled definitions by execution id; a run's definition never changes, so entries never go stale. */
export class DefinitionCache {
  private readonly entries = new Map<string, CompiledRun>()
  constructor(private readonly limit = 5000) {}
  get(executionId: string): CompiledRun | undefined {
    return this.entries.get(executionId)
  }
  set(executionId: string, run: CompiledRun): void {
    this.entries.set(executionId, run)
    if (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next()
      if (!oldest.done) this.entries.delete(oldest.value)
    }
  }
  async load(db: Queryable, executionIds: readonly string[]): Promise<Map<string, CompiledRun>> {
    const out = new Map<string, CompiledRun>()
    const missing: string[] = []
    for (const id of executionIds) {
      const hit = this.entries.get(id)
      if (hit) out.set(id, hit)
      else missing.push(id)
    }
    if (missing.length > 0) {
      const found = await rows<{ id: string; definition: TWorkflowDefinition }>(
        db,
        sql`SELECT id, definition FROM executions WHERE id = ANY(${uuidArray(missing)})`,
      )
      for (const row of found) {
        const run = compileRun(row.definition)
        this.set(row.id, run)
        out.set(row.id, run)
      }
    }
    return out
  }
}

/** One cache per process: run-store creates runs, the runner executes them, both read the same entries. */
export const processDefinitions = new DefinitionCache()

/** Locks the executions (in id order, so concurrent batches never deadlock on them) and loads their steps. */
export async function lockExecutions(
  tx: Tx,
  cache: DefinitionCache,
  executionIds: readonly string[],
  /** Step rows about to be completed: locked too (in id order) so a reaper cannot move them meanwhile. */
  stepRowIds: readonly string[] = [],
): Promise<Map<string, LockedExecution>> {
  const ids = [...new Set(executionIds)].sort()
  const out = new Map<string, LockedExecution>()
  if (ids.length === 0) return out
  const locked = await rows<{ id: string; status: ExecutionStatus; last_seq: number; is_child: boolean }>(
    tx,
    sql`SELECT id, status, last_seq, parent_execution_id IS NOT NULL AS is_child FROM executions WHERE id = ANY(${uuidArray(ids)}) ORDER BY id FOR UPDATE`,
  )
  if (stepRowIds.length > 0) {
    await tx.execute(
      sql`SELECT id FROM step_executions WHERE id = ANY(${uuidArray(stepRowIds)}) ORDER BY id FOR UPDATE`,
    )
  }
  const runs = await cache.load(
    tx,
    locked.map((row) => row.id),
  )
  for (const row of locked) {
    const run = runs.get(row.id)
    if (!run) continue
    out.set(row.id, { id: row.id, status: row.status, lastSeq: row.last_seq, isChild: row.is_child, run, steps: new Map() })
  }
  await loadStepRows(tx, ids, out)
  return out
}

/** Fills in the step rows of the locked executions (a condition's stored result included). */
async function loadStepRows(tx: Tx, ids: readonly string[], executions: Map<string, LockedExecution>): Promise<void> {
  const stepRows = await rows<{
    id: string
    execution_id: string
    step_id: string
    status: StepStatus
    attempt: number
    interruptions: number
    lease_token: string | null
    condition_result: boolean | null
  }>(
    tx,
    sql`SELECT id, execution_id, step_id, status, attempt, interruptions, lease_token,
          CASE WHEN jsonb_typeof(output->'result') = 'boolean' THEN (output->>'result')::boolean END AS condition_result
        FROM step_executions WHERE execution_id = ANY(${uuidArray(ids)})`,
  )
  for (const row of stepRows) {
    const execution = executions.get(row.execution_id)
    if (!execution) continue
    const isCondition = execution.run.steps.get(row.step_id)?.type === 'condition'
    execution.steps.set(row.step_id, {
      rowId: row.id,
      stepId: row.step_id,
      status: row.status,
      attempt: row.attempt,
      interruptions: row.interruptions,
      leaseToken: row.lease_token,
      conditionResult: isCondition && row.condition_result !== null ? row.condition_result : undefined,
    })
  }
}

export function snapshotsOf(execution: LockedExecution): Map<string, StepSnapshot> {
  const out = new Map<string, StepSnapshot>()
  for (const [id, row] of execution.steps)
    out.set(id, { status: row.status, conditionResult: row.conditionResult })
  return out
}
