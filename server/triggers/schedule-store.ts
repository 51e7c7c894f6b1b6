// Cron schedules in Postgres: create, update, delete and list, each validated first (cron,
// time zone, and the inputs against the workflow's input schema) so a refused call writes nothing.
import { and, desc, eq, lt } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { scheduleFires, schedules } from '@/db/schema'
import { WorkflowError } from '@/server/engine/errors'
import { validateRunInputs } from '@/server/engine/input-schema'
import type { WorkflowIssue } from '@/server/engine/workflow-issues'
import { getWorkflowVersion } from '@/server/workflows/workflow-store'
import { checkScheduleSpec, nextOccurrence } from './cron-schedule'

export type ScheduleDeps = { db: Db; clock: { now: () => Date } }

type ScheduleRow = typeof schedules.$inferSelect

export function toScheduleView(row: ScheduleRow) {
  return {
    id: row.id,
    workflowId: row.workflowId,
    cron: row.cron,
    timezone: row.timezone,
    inputs: row.inputs as Record<string, unknown>,
    enabled: row.enabled,
    nextFireAt: row.nextFireAt,
    lastFireAt: row.lastFireAt,
    lastExecutionId: row.lastExecutionId,
    missedFires: row.missedFires,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}
export type ScheduleView = ReturnType<typeof toScheduleView>

type ScheduleFields = { cron: string; timezone: string; inputs: Record<string, unknown> }

/** Checks every field at once and throws one error listing all problems. */
async function requireValidSchedule(deps: ScheduleDeps, workflowId: string, fields: ScheduleFields) {
  const issues: WorkflowIssue[] = checkScheduleSpec(fields, deps.clock.now())
  const { definition } = await getWorkflowVersion(deps.db, workflowId)
  const inputs = validateRunInputs(definition.inputs, fields.inputs)
  if (!inputs.ok) issues.push(...inputs.issues)
  if (issues.length > 0) {
    const count = issues.length
    throw new WorkflowError(
      'invalid_inputs',
      `The schedule has ${count} problem${count === 1 ? '' : 's'}: ${issues.map((i) => i.message).join(' ')}`,
      { issues },
    )
  }
}

function scheduleNotFound(id: string): WorkflowError {
  return new WorkflowError('not_found', `Schedule ${id} does not exist (it may have been deleted).`)
}

export async function createSchedule(
  deps: ScheduleDeps,
  input: ScheduleFields & { workflowId: string; enabled: boolean },
): Promise<ScheduleView> {
  await requireValidSchedule(deps, input.workflowId, input)
  const now = deps.clock.now()
  const [row] = await deps.db
    .insert(schedules)
    .values({
      workflowId: input.workflowId,
      cron: input.cron,
      timezone: input.timezone,
      inputs: input.inputs,
      enabled: input.enabled,
      nextFireAt: input.enabled ? nextOccurrence(input, now) : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
  if (!row) throw new Error('insert into schedules returned no row')
  return toScheduleView(row)
}

/**
 * Changes a schedule. A new cron, time zone or re-enabling restarts the count from now (nothing
 * missed meanwhile is fired); changing only the inputs keeps the next occurrence.
 */
export async function updateSchedule(
  deps: ScheduleDeps,
  input: Partial<ScheduleFields> & { id: string; enabled?: boolean | undefined },
): Promise<ScheduleView> {
  const [current] = await deps.db.select().from(schedules).where(eq(schedules.id, input.id))
  if (!current) throw scheduleNotFound(input.id)
  const fields: ScheduleFields = {
    cron: input.cron ?? current.cron,
    timezone: input.timezone ?? current.timezone,
    inputs: input.inputs ?? (current.inputs as Record<string, unknown>),
  }
  await requireValidSchedule(deps, current.workflowId, fields)
  const enabled = input.enabled ?? current.enabled
  const timingChanged =
    fields.cron !== current.cron || fields.timezone !== current.timezone || enabled !== current.enabled
  const now = deps.clock.now()
  const [row] = await deps.db
    .update(schedules)
    .set({
      ...fields,
      enabled,
      ...(timingChanged ? { nextFireAt: enabled ? nextOccurrence(fields, now) : null } : {}),
      updatedAt: now,
    })
    .where(eq(schedules.id, input.id))
    .returning()
  if (!row) throw scheduleNotFound(input.id)
  return toScheduleView(row)
}

export async function deleteSchedule(db: Db, id: string): Promise<void> {
  const deleted = await db.delete(schedules).where(eq(schedules.id, id)).returning({ id: schedules.id })
  if (deleted.length === 0) throw scheduleNotFound(id)
}

export async function listSchedules(db: Db, workflowId: string): Promise<ScheduleView[]> {
  await getWorkflowVersion(db, workflowId)
  const found = await db
    .select()
    .from(schedules)
    .where(eq(schedules.workflowId, workflowId))
    .orderBy(schedules.createdAt, schedules.id)
  return found.map(toScheduleView)
}

/** A schedule's fire history, newest first; `before` pages back by occurrence time. */
export async function listScheduleFires(
  db: Db,
  input: { scheduleId: string; limit: number; before?: Date | undefined },
) {
  const [schedule] = await db
    .select({ id: schedules.id })
    .from(schedules)
    .where(eq(schedules.id, input.scheduleId))
  if (!schedule) throw scheduleNotFound(input.scheduleId)
  const fires = await db
    .select()
    .from(scheduleFires)
    .where(
      and(
        eq(scheduleFires.scheduleId, input.scheduleId),
        input.before ? lt(scheduleFires.scheduledFor, input.before) : undefined,
      ),
    )
    .orderBy(desc(scheduleFires.scheduledFor))
    .limit(input.limit)
  return fires.map((f) => ({
    scheduledFor: f.scheduledFor,
    firedAt: f.firedAt,
    status: f.status as 'started' | 'failed',
    executionId: f.executionId,
    missed: f.missed,
    error: f.error as { code: string; message: string } | null,
  }))
}
