// Accumulates what a batch decided for locked executions (step rows, events numbered per
// execution, execution status) and writes it back in one statement (run-batch-write.ts), then
// wakes the parents of child runs that ended and cancels the children of `workflow` steps that stopped.
import type { Decision } from '@/server/engine/run/run-state'
import type { ExecutionStatus, StepStatus } from '@/server/engine/run/run-status'
import type { Tx } from '@/server/platform/sql-helpers'
import { cancelChildRuns } from './child-run-cancel'
import { wakeParentSteps } from './child-run-links'
import { settleEndingOutputs } from './ending-run-outputs'
import type { LockedExecution, StepRowState } from './execution-state'
import { writeRunBatch, type ExecutionChange, type SequencedEvent, type StepUpdateRecord } from './run-batch-write'
import type { RunEventType } from './run-events'

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

/** Accumulates a batch's writes: step rows, events with per-execution seq, execution status. */
export class RunWriter {
  private readonly steps = new Map<string, StepUpdateRecord>()
  private readonly events: SequencedEvent[] = []
  private readonly executions = new Map<string, ExecutionChange>()
  /** Runs this batch ends: their parent steps (if they are child runs) are woken after the write. */
  /** Child runs that ended in this batch: their parent steps are woken as it is written. */
  private readonly endedChildIds: string[] = []
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
    this.steps.set(row.rowId, mergeStepPatch(this.steps.get(row.rowId), row, patch))
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
    if (execution.isChild) this.endedChildIds.push(execution.id)
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
   * Writes everything buffered in one statement: one round trip however big the batch. The
   * buffer is emptied, so a transaction may flush, read its own writes, and go on.
   */
  async flush(tx: Tx): Promise<void> {
    if (this.isEmpty()) return
    const buffered = { steps: this.steps, executions: this.executions, events: this.events }
    await settleEndingOutputs(tx, this.pendingOutputs.splice(0), buffered)
    const steps = [...this.steps.values()]
    const batch = {
      now: this.now,
      steps,
      executions: [...this.executions.values()],
      events: this.events.splice(0),
      wakeSteps: !this.deferStepWakeup && steps.some((r) => r.status === 'ready'),
      wakeCancel: this.stoppedRunning,
    }
    this.steps.clear()
    this.executions.clear()
    this.stoppedRunning = false
    await writeRunBatch(tx, batch)
    await wakeParentSteps(tx, this.endedChildIds.splice(0), this.now)
    await cancelChildRuns(tx, this.stoppedCalls.splice(0), () => new RunWriter(this.now))
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

/** The row's buffered change with `patch` laid over it: a later patch wins field by field. */
function mergeStepPatch(
  previous: StepUpdateRecord | undefined,
  row: StepRowState,
  patch: StepPatch,
): StepUpdateRecord {
  return {
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
}
