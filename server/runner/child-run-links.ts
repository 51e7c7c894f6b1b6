// The links between a `workflow` step and its child run, as SQL only (the run writer calls these
// while flushing): wake the parent step when its child ends, and find the children to cancel when
// the parent step stops. Upward wake-ups skip a locked parent row, so they never wait on a
// transaction that is cancelling the parent (which locks parents before children).
import { sql } from 'drizzle-orm'
import { notifyExpression } from '@/server/platform/notify-bus'
import { rows, textArray, timestamp, uuidArray, type Tx } from '@/server/platform/sql-helpers'

/** What a parked `workflow` step holds in its `input`; `ended` is written by the wake-up. */
export interface ChildLink {
  child: { executionId: string; workflowId: string; version: number }
  ended?: ChildEnd
  /** When the step's own `timeout` runs out, if it sets one. */
  timeoutAt?: string
}

export interface ChildEnd {
  status: 'succeeded' | 'failed' | 'cancelled' | 'timed_out'
  error: { code?: string; message?: string } | null
  outputs: Record<string, unknown> | null
}

/** Wakes the waiting parent steps of these runs (those that just ended) and hands them the outcome. */
export async function wakeParentSteps(tx: Tx, endedIds: readonly string[], now: Date): Promise<void> {
  if (endedIds.length === 0) return
  await tx.execute(sql`
    WITH ended AS (
      SELECT x.id, x.parent_execution_id, x.parent_step_id,
        jsonb_build_object('status', x.status, 'error', x.error, 'outputs', x.outputs) AS outcome
      FROM executions x
      WHERE x.id = ANY(${uuidArray(endedIds)}) AND x.parent_execution_id IS NOT NULL
    ),
    parked AS (
      SELECT s.id, ended.outcome FROM step_executions s JOIN ended
        ON s.execution_id = ended.parent_execution_id AND s.step_id = ended.parent_step_id
      WHERE s.status = 'waiting' AND s.input->'child'->>'executionId' = ended.id::text
      FOR UPDATE OF s SKIP LOCKED
    ),
    woken AS (
      UPDATE step_executions s SET run_at = ${timestamp(now)},
        input = s.input || jsonb_build_object('ended', parked.outcome)
      FROM parked WHERE s.id = parked.id
      RETURNING 1
    )
    SELECT CASE WHEN EXISTS (SELECT 1 FROM woken) THEN ${notifyExpression('steps', undefined)} END`)
}

/** Unfinished child runs started by these steps (`executionId:stepId` keys). */
export async function findUnfinishedChildren(
  tx: Tx,
  parents: readonly { executionId: string; stepId: string }[],
): Promise<string[]> {
  if (parents.length === 0) return []
  const found = await rows<{ id: string }>(
    tx,
    sql`SELECT id FROM executions
        WHERE parent_execution_id = ANY(${uuidArray(parents.map((p) => p.executionId))})
          AND parent_execution_id::text || ':' || parent_step_id = ANY(${textArray(parents.map((p) => `${p.executionId}:${p.stepId}`))})
          AND status IN ('running', 'queued')
        ORDER BY id`,
  )
  return found.map((r) => r.id)
}
