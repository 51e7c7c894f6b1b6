// Per-workflow concurrency limits on Postgres. Admitting a run and starting queued ones both hold
// a transaction-scoped advisory lock on the workflow, so the running count they read cannot go
// stale under them. Result batches never take that lock (they only lock executions), so the
// lock order workflow -> executions cannot deadlock with them.
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { decideAdmission, freeSlots, type Admission } from '@/server/engine/run/admission'
import { parseDuration } from '@/server/engine/duration'
import { onRunStopped, planRunResume, planRunStart, type StepSnapshot } from '@/server/engine/run/run-state'
import type { TWorkflowDefinition } from '@/server/engine/workflow-schema'
import { lockExecutions, snapshotsOf, type DefinitionCache, type LockedExecution } from './execution-state'
import { RunWriter } from './run-writer'
import { decideInProcessSteps } from './in-process-steps'
import { rows, timestamp, type Tx } from '@/server/platform/sql-helpers'

/** Namespace for pg_advisory_xact_lock(namespace, hashtext(workflow id)). */
const WORKFLOW_LOCK_NAMESPACE = 7_340_001

async function lockWorkflow(tx: Tx, workflowId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${WORKFLOW_LOCK_NAMESPACE}, hashtext(${workflowId}))`)
}

async function runningIds(tx: Tx, workflowId: string): Promise<string[]> {
  const found = await rows<{ id: string }>(
    tx,
    sql`SELECT id FROM executions WHERE workflow_id = ${workflowId} AND status = 'running' AND kind = 'run' ORDER BY started_at, id`,
  )
  return found.map((r) => r.id)
}

/** Decides whether a new run of `workflowId` may start; cancel-oldest cancels the oldest runs here. */
export async function admitRun(
  tx: Tx,
  cache: DefinitionCache,
  now: Date,
  workflowId: string | null,
  definition: TWorkflowDefinition,
): Promise<Admission> {
  if (!workflowId || !definition.concurrency) return { kind: 'start' }
  await lockWorkflow(tx, workflowId)
  const running = await runningIds(tx, workflowId)
  const admission = decideAdmission(definition.concurrency, running.length)
  if (admission.kind === 'cancel-oldest') {
    const oldest = running.slice(0, admission.count)
    const locked = await lockExecutions(tx, cache, oldest)
    const writer = new RunWriter(now)
    for (const execution of locked.values())
      stopExecution(writer, execution, { code: 'concurrency_limit', message: admission.reason })
    await writer.flush(tx)
  }
  return admission
}

/** Cancels a run and its unfinished steps (runners holding one lose the lease and stop it). */
export function stopExecution(
  writer: RunWriter,
  execution: LockedExecution,
  error: { code: string; message: string },
): void {
  writer.applyDecision(execution, onRunStopped(snapshotsOf(execution), 'cancelled'))
  writer.finishExecution(execution, 'cancelled', error)
}

/** When a run started at `now` times out, if its workflow sets a run timeout. */
export function runDeadline(definition: TWorkflowDefinition, now: Date): Date | null {
  return definition.timeout !== undefined ? new Date(now.getTime() + parseDuration(definition.timeout)) : null
}

/** Moves a queued execution to running: deadline from now, then `openExecution`. */
export async function beginExecution(
  tx: Tx,
  writer: RunWriter,
  now: Date,
  execution: LockedExecution,
  opening: Record<string, unknown>,
): Promise<void> {
  const deadline = runDeadline(execution.run.definition, now)
  await tx.execute(
    sql`UPDATE executions SET status = 'running', started_at = ${timestamp(now)}, deadline_at = ${deadline ? timestamp(deadline) : null}
        WHERE id = ${execution.id}`,
  )
  execution.status = 'running'
  openExecution(writer, execution, opening)
}

/** The events and step changes of a run that has just started running: roots, or what kept results decide. */
export function openExecution(writer: RunWriter, execution: LockedExecution, opening: Record<string, unknown>): void {
  const kept = new Map<string, StepSnapshot>()
  for (const [id, snapshot] of snapshotsOf(execution)) if (snapshot.status === 'succeeded') kept.set(id, snapshot)
  writer.event(execution, 'run.started', null, opening)
  writer.applyDecision(execution, kept.size > 0 ? planRunResume(execution.run, kept) : planRunStart(execution.run))
}

/**
 * Starts queued runs where their workflow's limit has room, oldest first. Called after runs end
 * and from the runner's sweep, so a queue moves even when the run that ended was another node's.
 */
export async function startQueuedRuns(
  deps: { db: Db; now: () => Date; cache: DefinitionCache },
  limit = 100,
): Promise<number> {
  const waiting = await rows<{ workflow_id: string }>(
    deps.db,
    sql`SELECT DISTINCT workflow_id FROM executions WHERE status = 'queued' AND workflow_id IS NOT NULL LIMIT ${limit}`,
  )
  let started = 0
  for (const { workflow_id: workflowId } of waiting) {
    started += await deps.db.transaction(async (tx) => {
      await lockWorkflow(tx, workflowId)
      const running = (await runningIds(tx, workflowId)).length
      const queued = await rows<{
        id: string
        definition: TWorkflowDefinition
        trigger: string
        workflow_version: number
      }>(
        tx,
        sql`SELECT id, definition, trigger, workflow_version FROM executions
            WHERE workflow_id = ${workflowId} AND status = 'queued' ORDER BY created_at, id LIMIT ${limit}`,
      )
      const first = queued[0]
      if (!first) return 0
      // The oldest queued run's version sets the limit the queue drains against.
      const slots = Math.min(queued.length, freeSlots(first.definition.concurrency, running))
      if (slots === 0) return 0
      const now = deps.now()
      const picked = queued.slice(0, slots)
      const locked = await lockExecutions(
        tx,
        deps.cache,
        picked.map((q) => q.id),
      )
      const writer = new RunWriter(now)
      let begun = 0
      for (const q of picked) {
        const execution = locked.get(q.id)
        if (execution?.status !== 'queued') continue
        await beginExecution(tx, writer, now, execution, {
          workflowId,
          version: q.workflow_version,
          trigger: q.trigger,
          fromQueue: true,
        })
        begun++
      }
      await decideInProcessSteps(tx, writer, locked, { now, random: Math.random })
      await writer.flush(tx)
      return begun
    })
  }
  return started
}
