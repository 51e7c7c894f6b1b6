// Loads executions under a row lock (the per-execution serialisation point for the state machine)
// together with their step rows, and writes back everything a batch decided in three statements.
import { sql } from 'drizzle-orm'
import { compileRun, type CompiledRun } from '@/server/engine/run/compiled-run'
import type { Decision, StepSnapshot } from '@/server/engine/run/run-state'
import type { ExecutionStatus, StepStatus } from '@/server/engine/run/run-status'
import type { TWorkflowDefinition } from '@/server/engine/workflow-schema'
import type { RunEvent, RunEventType } from './run-events'
import { channelName, encodeMessage, notifyExpression, POINTERS_PER_NOTIFY, type RunEventPointer } from '@/server/platform/notify-bus'
import { rows, textArray, timestamp, uuidArray, type Queryable, type Tx } from '@/server/platform/sql-helpers'
import { findUnfinishedChildren, wakeParentSteps } from './child-run-links'
import { settleRunOutputs } from './run-outputs'
import { onRunStopped } from '@/server/engine/run/run-state'

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
  const locked = await rows<{ id: string; status: ExecutionStatus; last_seq: number }>(
    tx,
    sql`SELECT id, status, last_seq FROM executions WHERE id = ANY(${uuidArray(ids)}) ORDER BY id FOR UPDATE`,
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
  for (const row of locked) {
    const run = runs.get(row.id)
    if (!run) continue
    out.set(row.id, { id: row.id, status: row.status, lastSeq: row.last_seq, run, steps: new Map() })
  }
  for (const row of stepRows) {
    const execution = out.get(row.execution_id)
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
  return out
}

export function snapshotsOf(execution: LockedExecution): Map<string, StepSnapshot> {
  const out = new Map<string, StepSnapshot>()
  for (const [id, row] of execution.steps)
    out.set(id, { status: row.status, conditionResult: row.conditionResult })
  return out
}

/** A change to one step row. Fields left undefined keep their value. */
export interface StepPatch {
  status: StepStatus
  runAt?: Date | null
  output?: unknown
  error?: unknown
  input?: unknown
  finished?: boolean
  clearLease?: boolean
  /** A new attempt starts now (a step decided in-process): attempt + 1, started_at = now. */
  startAttempt?: boolean
}

interface StepUpdateRecord {
  id: string
  status: StepStatus
  set_run_at: boolean
  run_at: string | null
  set_output: boolean
  output: unknown
  set_error: boolean
  error: unknown
  set_input: boolean
  input: unknown
  finished: boolean
  clear_lease: boolean
  set_attempt: boolean
  attempt: number
}

/** Accumulates a batch's writes: step rows, events with per-execution seq, execution status. */
export class RunWriter {
  private readonly steps = new Map<string, StepUpdateRecord>()
  private readonly events: (RunEvent & { seq: number })[] = []
  private readonly executions = new Map<
    string,
    {
      id: string
      last_seq: number
      status: ExecutionStatus | null
      error: unknown
      finished: boolean
      handled_failures?: number
      outputs?: unknown
    }
  >()
  /** Runs this batch ends: their parent steps (if they are child runs) are woken after the write. */
  private readonly endedIds: string[] = []
  /** Runs ending succeeded whose workflow declares `outputs`, evaluated before the write. */
  private readonly pendingOutputs: LockedExecution[] = []
  /** `workflow` steps that stopped (cancelled, failed, retried): their unfinished child runs are cancelled. */
  private readonly stoppedCalls: { executionId: string; stepId: string }[] = []
  /** Rows whose latest change made them ready to run now (eager claims take these). */
  private readonly readiedRows = new Set<string>()
  private stoppedRunning = false
  /**
   * Set when the caller claims the steps this batch readies itself (eager claims): flushes then
   * skip the wake-up NOTIFY, which would only send every runner to claim nothing.
   */
  deferStepWakeup = false
  /** Runs this batch moved to a terminal status. */
  endedRuns = 0
  /** Of those, runs of workflows with a concurrency limit (their queue may move). */
  endedLimitedRuns = 0

  constructor(private readonly now: Date) {}

  event(
    execution: LockedExecution,
    type: RunEventType,
    stepId: string | null,
    payload: Record<string, unknown> = {},
  ): void {
    execution.lastSeq++
    this.events.push({ executionId: execution.id, type, stepId, payload, seq: execution.lastSeq })
    const entry = this.executions.get(execution.id) ?? {
      id: execution.id,
      last_seq: 0,
      status: null,
      error: null,
      finished: false,
    }
    entry.last_seq = execution.lastSeq
    this.executions.set(execution.id, entry)
  }

  step(execution: LockedExecution, stepId: string, patch: StepPatch): void {
    const row = execution.steps.get(stepId)
    if (!row) throw new Error(`execution ${execution.id} has no row for step "${stepId}"`)
    if (row.status === 'running' && patch.status === 'cancelled') this.stoppedRunning = true
    if (execution.run.steps.get(stepId)?.type === 'workflow' && stopsCall(patch))
      this.stoppedCalls.push({ executionId: execution.id, stepId })
    row.status = patch.status
    if (patch.clearLease) row.leaseToken = null
    if (patch.startAttempt) row.attempt++
    const previous = this.steps.get(row.rowId)
    const record: StepUpdateRecord = {
      id: row.rowId,
      status: patch.status,
      set_run_at: patch.runAt !== undefined || (previous?.set_run_at ?? false),
      run_at: patch.runAt !== undefined ? (patch.runAt?.toISOString() ?? null) : (previous?.run_at ?? null),
      set_output: patch.output !== undefined || (previous?.set_output ?? false),
      output: patch.output !== undefined ? patch.output : (previous?.output ?? null),
      set_error: patch.error !== undefined || (previous?.set_error ?? false),
      error: patch.error !== undefined ? patch.error : (previous?.error ?? null),
      set_input: patch.input !== undefined || (previous?.set_input ?? false),
      input: patch.input !== undefined ? patch.input : (previous?.input ?? null),
      finished: patch.finished ?? previous?.finished ?? false,
      clear_lease: patch.clearLease ?? previous?.clear_lease ?? false,
      set_attempt: patch.startAttempt === true || (previous?.set_attempt ?? false),
      attempt: row.attempt,
    }
    this.steps.set(row.rowId, record)
    const readyNow =
      patch.status === 'ready' && (patch.runAt === undefined || patch.runAt?.getTime() === this.now.getTime())
    if (readyNow) this.readiedRows.add(row.rowId)
    else this.readiedRows.delete(row.rowId)
  }

  finishExecution(
    execution: LockedExecution,
    status: ExecutionStatus,
    error: unknown = null,
    handledFailures = 0,
  ): void {
    execution.status = status
    this.endedIds.push(execution.id)
    if (status === 'succeeded' && execution.run.definition.outputs) this.pendingOutputs.push(execution)
    this.endedRuns++
    if (execution.run.definition.concurrency) this.endedLimitedRuns++
    this.event(execution, `run.${status}` as RunEventType, null, {
      ...(error ? { error } : {}),
      ...(handledFailures > 0 ? { handledFailures } : {}),
    })
    const entry = this.executions.get(execution.id)
    if (entry) Object.assign(entry, { status, error, finished: true, handled_failures: handledFailures })
  }

  /** Applies a state-machine decision: each transition becomes a row change and an event. */
  applyDecision(
    execution: LockedExecution,
    decision: Decision,
    endError?: (failedSteps: string[]) => unknown,
  ): void {
    for (const t of decision.transitions) {
      const terminal = t.to === 'skipped' || t.to === 'cancelled'
      this.step(execution, t.stepId, {
        status: t.to,
        runAt: t.to === 'ready' ? this.now : t.to === 'cancelled' ? null : undefined,
        finished: terminal,
        clearLease: t.to === 'cancelled',
      })
      this.event(execution, `step.${t.to}` as RunEventType, t.stepId, { reason: t.reason })
    }
    if (decision.end)
      this.finishExecution(
        execution,
        decision.end.status,
        decision.end.failedSteps.length > 0
          ? (endError?.(decision.end.failedSteps) ?? { failedSteps: decision.end.failedSteps })
          : null,
        decision.end.handledFailures,
      )
  }

  /** Rows this batch made ready to run now (not retries waiting out a backoff). */
  readiedNow(): string[] {
    return [...this.readiedRows]
  }

  isEmpty(): boolean {
    return this.steps.size === 0 && this.events.length === 0
  }

  /**
   * Writes everything buffered in one statement (data-modifying CTEs): one round trip however big
   * the batch. The buffer is emptied, so a transaction may flush, read its own writes, and go on.
   * Longer than 60 lines because it is one SQL statement: splitting it would split the round trip.
   */
  async flush(tx: Tx): Promise<void> {
    if (this.isEmpty()) return
    await this.settleOutputs(tx)
    const readied = !this.deferStepWakeup && [...this.steps.values()].some((r) => r.status === 'ready')
    const stoppedRunning = this.stoppedRunning
    const stepChanges = [...this.steps.values()]
    const executionChanges = [...this.executions.values()]
    const notifications = this.eventNotifications()
    this.steps.clear()
    this.executions.clear()
    this.stoppedRunning = false
    const now = timestamp(this.now)
    const events = this.events.splice(0).map((e) => ({
      execution_id: e.executionId,
      seq: e.seq,
      type: e.type,
      step_id: e.stepId,
      payload: e.payload,
    }))
    await tx.execute(sql`
      WITH step_changes AS (
        UPDATE step_executions s SET
          status = v.status,
          run_at = CASE WHEN v.set_run_at THEN v.run_at ELSE s.run_at END,
          output = CASE WHEN v.set_output THEN v.output ELSE s.output END,
          error = CASE WHEN v.set_error THEN v.error ELSE s.error END,
          input = CASE WHEN v.set_input THEN v.input ELSE s.input END,
          finished_at = CASE WHEN v.finished THEN ${now} ELSE s.finished_at END,
          lease_owner = CASE WHEN v.clear_lease THEN NULL ELSE s.lease_owner END,
          lease_expires_at = CASE WHEN v.clear_lease THEN NULL ELSE s.lease_expires_at END,
          lease_token = CASE WHEN v.clear_lease THEN NULL ELSE s.lease_token END,
          attempt = CASE WHEN v.set_attempt THEN v.attempt ELSE s.attempt END,
          started_at = CASE WHEN v.set_attempt THEN ${now} ELSE s.started_at END
        FROM jsonb_to_recordset(${JSON.stringify(stepChanges)}::jsonb) AS v(
          id uuid, status text, set_run_at boolean, run_at timestamptz, set_output boolean, output jsonb,
          set_error boolean, error jsonb, set_input boolean, input jsonb, finished boolean, clear_lease boolean,
          set_attempt boolean, attempt int)
        WHERE s.id = v.id AND s.id = ANY(${uuidArray(stepChanges.map((c) => c.id))})
        RETURNING 1
      ),
      new_events AS (
        INSERT INTO execution_events (execution_id, seq, type, step_id, payload, created_at)
        SELECT v.execution_id, v.seq, v.type, v.step_id, v.payload, ${now}
        FROM jsonb_to_recordset(${JSON.stringify(events)}::jsonb) AS v(execution_id uuid, seq int, type text, step_id text, payload jsonb)
        RETURNING 1
      ),
      execution_changes AS (
        UPDATE executions x SET
          last_seq = v.last_seq,
          status = COALESCE(v.status, x.status),
          error = CASE WHEN v.finished THEN v.error ELSE x.error END,
          finished_at = CASE WHEN v.finished THEN ${now} ELSE x.finished_at END,
          handled_failures = COALESCE(v.handled_failures, x.handled_failures),
          outputs = COALESCE(v.outputs, x.outputs)
        FROM jsonb_to_recordset(${JSON.stringify(executionChanges)}::jsonb) AS v(id uuid, last_seq int, status text, error jsonb, finished boolean, handled_failures int, outputs jsonb)
        WHERE x.id = v.id AND x.id = ANY(${uuidArray(executionChanges.map((c) => c.id))})
        RETURNING 1
      )
      SELECT
        CASE WHEN ${readied} THEN ${notifyExpression('steps', undefined)} END,
        CASE WHEN ${stoppedRunning} THEN ${notifyExpression('cancel', undefined)} END,
        (SELECT count(pg_notify(${channelName('runEvents')}, c)) FROM unnest(${textArray(notifications)}) c)`)
    await wakeParentSteps(tx, this.endedIds.splice(0), this.now)
    await cancelChildRuns(tx, this.stoppedCalls.splice(0), this.now)
  }

  /** Evaluates the outputs of runs ending succeeded; a run whose outputs fail ends failed instead. */
  private async settleOutputs(tx: Tx): Promise<void> {
    const pending = this.pendingOutputs.splice(0)
    if (pending.length === 0) return
    const settled = await settleRunOutputs(
      tx,
      pending.map((execution) => ({
        executionId: execution.id,
        definition: execution.run.definition,
        steps: [...execution.steps.values()].map((row) => {
          const change = this.steps.get(row.rowId)
          return {
            stepId: row.stepId,
            status: row.status,
            ...(change?.set_output ? { output: change.output } : {}),
            ...(change?.set_error ? { error: change.error } : {}),
          }
        }),
      })),
    )
    for (const execution of pending) {
      const result = settled.get(execution.id)
      const entry = this.executions.get(execution.id)
      if (!result || !entry) continue
      if (result.ok) {
        entry.outputs = result.outputs
        continue
      }
      execution.status = 'failed'
      Object.assign(entry, { status: 'failed', error: result.error })
      const ended = this.events.find((e) => e.executionId === execution.id && e.type === 'run.succeeded')
      if (ended) Object.assign(ended, { type: 'run.failed', payload: { ...ended.payload, error: result.error } })
    }
  }

  /** What the live view needs to know about this batch's events (delivered only if it commits). */
  private eventNotifications(): string[] {
    const byExecution = new Map<string, RunEventPointer>()
    for (const event of this.events) {
      const pointer = byExecution.get(event.executionId) ?? {
        e: event.executionId,
        s: event.seq,
        t: event.seq,
      }
      pointer.s = Math.min(pointer.s, event.seq)
      pointer.t = Math.max(pointer.t, event.seq)
      if (event.type.startsWith('run.')) pointer.r = 1
      byExecution.set(event.executionId, pointer)
    }
    const pointers = [...byExecution.values()]
    const chunks: string[] = []
    for (let i = 0; i < pointers.length; i += POINTERS_PER_NOTIFY)
      chunks.push(encodeMessage('runEvents', pointers.slice(i, i + POINTERS_PER_NOTIFY)))
    return chunks
  }
}

/** A `workflow` step that stops waiting for its child: cancelled, failed, or sent back to ready to retry. */
function stopsCall(patch: StepPatch): boolean {
  return (
    patch.status === 'cancelled' ||
    patch.status === 'failed' ||
    (patch.status === 'ready' && patch.error !== undefined && patch.error !== null)
  )
}

/**
 * Cancels the unfinished child runs of `workflow` steps that stopped, and (through their own
 * flush) theirs in turn. Parents are locked before children here; a child's end wakes its
 * parent with SKIP LOCKED, so the two orders cannot deadlock.
 */
async function cancelChildRuns(
  tx: Tx,
  stopped: readonly { executionId: string; stepId: string }[],
  now: Date,
): Promise<void> {
  const childIds = await findUnfinishedChildren(tx, stopped)
  if (childIds.length === 0) return
  const locked = await lockExecutions(tx, processDefinitions, childIds)
  const writer = new RunWriter(now)
  for (const child of locked.values()) {
    if (child.status !== 'running' && child.status !== 'queued') continue
    writer.applyDecision(child, onRunStopped(snapshotsOf(child), 'cancelled'))
    writer.finishExecution(child, 'cancelled', {
      code: 'parent_stopped',
      message: 'The workflow step that started this run stopped (its run was cancelled or ended, or the step failed).',
    })
  }
  await writer.flush(tx)
}
