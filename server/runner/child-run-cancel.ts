// When a `workflow` step stops (cancelled, failed, or sent back to ready to retry), its unfinished
// child runs are cancelled in the same transaction, and (through their own writer's flush) theirs
// in turn. The run writer calls this while flushing and hands in a fresh writer for the children.
import { onRunStopped, type Decision } from '@/server/engine/run/run-state'
import type { ExecutionStatus } from '@/server/engine/run/run-status'
import type { Tx } from '@/server/platform/sql-helpers'
import { findUnfinishedChildren } from './child-run-links'
import { lockExecutions, processDefinitions, snapshotsOf, type LockedExecution } from './execution-state'

/** What cancelling children needs of a run writer (run-writer.ts's RunWriter). */
export interface ChildRunStopper {
  applyDecision(execution: LockedExecution, decision: Decision): void
  finishExecution(execution: LockedExecution, status: ExecutionStatus, error?: unknown): void
  flush(tx: Tx): Promise<void>
}

/**
 * Cancels the unfinished child runs of `workflow` steps that stopped. Parents are locked before
 * children here; a child's end wakes its parent with SKIP LOCKED, so the two orders cannot deadlock.
 */
export async function cancelChildRuns(
  tx: Tx,
  stopped: readonly { executionId: string; stepId: string }[],
  newWriter: () => ChildRunStopper,
): Promise<void> {
  const childIds = await findUnfinishedChildren(tx, stopped)
  if (childIds.length === 0) return
  const locked = await lockExecutions(tx, processDefinitions, childIds)
  const writer = newWriter()
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
