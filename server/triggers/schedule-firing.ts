// Fires due schedules exactly once across any number of schedulers. Each due schedule is claimed
// with FOR UPDATE SKIP LOCKED, and in that same transaction the occurrence is recorded (unique per
// schedule and occurrence), its run created and next_fire_at moved past now. Either all of it
// commits or none does, and a row is due again only once next_fire_at has passed.
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { workflows, workflowVersions } from '@/db/schema'
import { WorkflowError } from '@/server/engine/errors'
import { validateRunInputs } from '@/server/engine/input-schema'
import type { TWorkflowDefinition } from '@/server/engine/workflow-schema'
import type { Logger } from '@/server/platform/logger'
import { assertRunPlaceable } from '@/server/devices/dispatch/placement-preflight'
import { createExecution } from '@/server/runner/run-store'
import { rows, timestamp, toDate, type Tx } from '@/server/platform/sql-helpers'
import { planFire, type FirePlan } from './cron-schedule'

export type SchedulerDeps = { db: Db; clock: { now: () => Date }; logger: Logger }

export type FireOutcome = {
  scheduleId: string
  scheduledFor: Date
  missed: number
  executionId: string | null
  error: { code: string; message: string } | null
}

type DueSchedule = {
  id: string
  workflow_id: string
  cron: string
  timezone: string
  inputs: Record<string, unknown>
  next_fire_at: string | Date
}

/** Fires schedules due at the clock's now, one transaction each, up to `limit`; returns what fired. */
export async function fireDueSchedules(deps: SchedulerDeps, limit = 100): Promise<FireOutcome[]> {
  const fired: FireOutcome[] = []
  for (let claimed = 0; claimed < limit; claimed++) {
    const outcome = await deps.db.transaction((tx) => fireOneDueSchedule(tx, deps))
    if (outcome === undefined) break
    if (outcome !== 'skipped') fired.push(outcome)
  }
  return fired
}

async function fireOneDueSchedule(tx: Tx, deps: SchedulerDeps): Promise<FireOutcome | 'skipped' | undefined> {
  const now = deps.clock.now()
  const [due] = await rows<DueSchedule>(
    tx,
    sql`SELECT id, workflow_id, cron, timezone, inputs, next_fire_at FROM schedules
        WHERE enabled AND next_fire_at <= ${timestamp(now)}
        ORDER BY next_fire_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
  )
  if (!due) return undefined
  const dueAt = toDate(due.next_fire_at) ?? now
  let plan: FirePlan
  try {
    plan = planFire(due, dueAt, now)
  } catch (error) {
    // A stored expression this croner no longer accepts: park the schedule rather than block the queue.
    deps.logger.error(
      { scheduleId: due.id, err: error },
      'schedule has an unusable cron expression; disabled it',
    )
    await tx.execute(sql`UPDATE schedules SET next_fire_at = NULL WHERE id = ${due.id}`)
    return 'skipped'
  }
  const fireId = await insertFire(tx, due.id, plan, now)
  if (fireId === null) {
    // Only when next_fire_at was reset behind an occurrence already fired (an edit made on a node
    // whose clock lags): skip it rather than run it twice.
    await advanceSchedule(tx, due.id, plan, null)
    deps.logger.warn(
      { scheduleId: due.id, scheduledFor: plan.scheduledFor },
      'schedule occurrence already fired; skipped',
    )
    return 'skipped'
  }
  if (plan.missed > 0) {
    deps.logger.warn(
      {
        scheduleId: due.id,
        workflowId: due.workflow_id,
        missed: plan.missed,
        scheduledFor: plan.scheduledFor,
      },
      'schedule missed occurrences while no scheduler was running; firing only the latest',
    )
  }
  const started = await startScheduledRun(tx, deps, due, now)
  await tx.execute(sql`
    UPDATE schedule_fires SET status = ${started.executionId ? 'started' : 'failed'}, execution_id = ${started.executionId},
      error = ${started.error ? JSON.stringify(started.error) : null}::jsonb
    WHERE id = ${fireId}`)
  await advanceSchedule(tx, due.id, plan, { now, executionId: started.executionId })
  return { scheduleId: due.id, scheduledFor: plan.scheduledFor, missed: plan.missed, ...started }
}

type StartResult = Pick<FireOutcome, 'executionId' | 'error'>

/** Starts the run on the workflow's latest version; a refusal is recorded on the fire, not retried. */
async function startScheduledRun(
  tx: Tx,
  deps: SchedulerDeps,
  due: DueSchedule,
  now: Date,
): Promise<StartResult> {
  try {
    // A savepoint, so a failed start still lets the fire and the advanced next_fire_at commit.
    const executionId = await tx.transaction(async (savepoint) => {
      const latest = await latestDefinition(savepoint, due.workflow_id)
      const checked = validateRunInputs(latest.definition.inputs, due.inputs)
      if (!checked.ok) {
        throw new WorkflowError(
          'invalid_inputs',
          `The schedule's inputs no longer fit the workflow: ${checked.issues.map((i) => i.message).join(' ')} Update the schedule's inputs.`,
          { issues: checked.issues },
        )
      }
      await assertRunPlaceable(savepoint, latest.definition)
      return createExecution(savepoint, now, {
        definition: latest.definition,
        workflowId: due.workflow_id,
        version: latest.version,
        inputs: checked.values,
        trigger: 'schedule',
      })
    })
    return { executionId, error: null }
  } catch (error) {
    if (!(error instanceof WorkflowError)) throw error
    deps.logger.warn({ scheduleId: due.id, err: error }, 'a scheduled run could not be started')
    return { executionId: null, error: { code: error.code, message: error.message } }
  }
}

async function latestDefinition(tx: Tx, workflowId: string) {
  const [row] = await tx
    .select({ version: workflowVersions.version, definition: workflowVersions.definition })
    .from(workflows)
    .innerJoin(
      workflowVersions,
      and(
        eq(workflowVersions.workflowId, workflows.id),
        eq(workflowVersions.version, workflows.latestVersion),
      ),
    )
    .where(eq(workflows.id, workflowId))
  if (!row) throw new WorkflowError('not_found', `Workflow ${workflowId} does not exist.`)
  return { version: row.version, definition: row.definition as TWorkflowDefinition }
}

/** Records the occurrence; null when it already has a fire (the unique key is the exactly-once guard). */
async function insertFire(tx: Tx, scheduleId: string, plan: FirePlan, now: Date): Promise<number | null> {
  const [fire] = await rows<{ id: string | number }>(
    tx,
    sql`INSERT INTO schedule_fires (schedule_id, scheduled_for, fired_at, status, missed)
        VALUES (${scheduleId}, ${timestamp(plan.scheduledFor)}, ${timestamp(now)}, 'started', ${plan.missed})
        ON CONFLICT (schedule_id, scheduled_for) DO NOTHING RETURNING id`,
  )
  return fire ? Number(fire.id) : null
}

/** Moves next_fire_at past now; a real fire also sets last_fire_at, the last run and the missed count. */
async function advanceSchedule(
  tx: Tx,
  scheduleId: string,
  plan: FirePlan,
  fired: { now: Date; executionId: string | null } | null,
) {
  const next = plan.nextFireAt ? timestamp(plan.nextFireAt) : null
  if (!fired) {
    await tx.execute(sql`UPDATE schedules SET next_fire_at = ${next} WHERE id = ${scheduleId}`)
    return
  }
  await tx.execute(sql`
    UPDATE schedules SET next_fire_at = ${next}, last_fire_at = ${timestamp(fired.now)},
      last_execution_id = coalesce(${fired.executionId}::uuid, last_execution_id),
      missed_fires = missed_fires + ${plan.missed}
    WHERE id = ${scheduleId}`)
}
