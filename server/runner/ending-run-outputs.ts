// Before a run writer flushes, the runs it ends as succeeded whose workflow declares `outputs` get
// them evaluated (run-outputs.ts) over the batch's own unwritten step results. A run whose outputs
// fail ends failed instead: its buffered status, error and end event are rewritten in place.
import type { Tx } from '@/server/platform/sql-helpers'
import type { LockedExecution } from './execution-state'
import type { ExecutionChange, SequencedEvent, StepUpdateRecord } from './run-batch-write'
import { settleRunOutputs, type PendingOutputs } from './run-outputs'

/** What the writer has buffered and not yet written; the settling updates it. */
export interface BufferedRunChanges {
  steps: ReadonlyMap<string, StepUpdateRecord>
  executions: ReadonlyMap<string, ExecutionChange>
  events: SequencedEvent[]
}

/** Evaluates the outputs of runs ending succeeded; a run whose outputs fail ends failed instead. */
export async function settleEndingOutputs(
  tx: Tx,
  ending: readonly LockedExecution[],
  buffered: BufferedRunChanges,
): Promise<void> {
  if (ending.length === 0) return
  const settled = await settleRunOutputs(
    tx,
    ending.map((execution) => pendingOutputsOf(execution, buffered.steps)),
  )
  for (const execution of ending) {
    const result = settled.get(execution.id)
    const entry = buffered.executions.get(execution.id)
    if (!result || !entry) continue
    if (result.ok) {
      entry.outputs = result.outputs
      continue
    }
    execution.status = 'failed'
    Object.assign(entry, { status: 'failed', error: result.error })
    const ended = buffered.events.find((e) => e.executionId === execution.id && e.type === 'run.succeeded')
    if (ended) Object.assign(ended, { type: 'run.failed', payload: { ...ended.payload, error: result.error } })
  }
}

/** Each step's status now, with the output and error this batch has not written yet. */
function pendingOutputsOf(
  execution: LockedExecution,
  changes: ReadonlyMap<string, StepUpdateRecord>,
): PendingOutputs {
  return {
    executionId: execution.id,
    definition: execution.run.definition,
    steps: [...execution.steps.values()].map((row) => {
      const change = changes.get(row.rowId)
      return {
        stepId: row.stepId,
        status: row.status,
        ...(change?.set_output ? { output: change.output } : {}),
        ...(change?.set_error ? { error: change.error } : {}),
      }
    }),
  }
}
