// Test data for analytics: workflows, runs with their step rows and device commands written straight
// into the tables with exact times, so every number a report shows can be computed by hand.
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { rows, timestamp } from '@/server/platform/sql-helpers'

const at = (d: Date | null | undefined) => (d ? timestamp(d) : sql`NULL`)
const json = (v: unknown) => (v === undefined ? sql`NULL` : sql`${JSON.stringify(v)}::jsonb`)

export async function insertWorkflow(db: Db, name: string, definition: Record<string, unknown>): Promise<string> {
  const [row] = await rows<{ id: string }>(
    db,
    sql`INSERT INTO workflows (name, latest_version) VALUES (${name}, 1) RETURNING id`,
  )
  const id = (row as { id: string }).id
  await db.execute(
    sql`INSERT INTO workflow_versions (workflow_id, version, definition) VALUES (${id}, 1, ${json({ name, ...definition })})`,
  )
  return id
}

export interface SeedStep {
  stepId: string
  status: string
  attempt?: number
  durationMs?: number
  errorCode?: string
}

export interface SeedRun {
  workflowId: string | null
  status: string
  trigger?: string
  createdAt: Date
  /** Run duration; unset leaves the run unfinished. */
  durationMs?: number
  steps?: SeedStep[]
  /** Failed steps a failure-edge handler ran for. */
  handledFailures?: number
}

export async function insertRun(db: Db, run: SeedRun): Promise<string> {
  const finished = run.durationMs === undefined ? null : new Date(run.createdAt.getTime() + run.durationMs)
  const [row] = await rows<{ id: string }>(
    db,
    sql`INSERT INTO executions (workflow_id, workflow_version, definition, status, trigger, created_at, started_at, finished_at, handled_failures)
        VALUES (${run.workflowId}, 1, '{}'::jsonb, ${run.status}, ${run.trigger ?? 'manual'},
                ${timestamp(run.createdAt)}, ${timestamp(run.createdAt)}, ${at(finished)}, ${run.handledFailures ?? 0})
        RETURNING id`,
  )
  const executionId = (row as { id: string }).id
  for (const s of run.steps ?? []) {
    const end = s.durationMs === undefined ? null : new Date(run.createdAt.getTime() + s.durationMs)
    await db.execute(
      sql`INSERT INTO step_executions (execution_id, step_id, status, attempt, started_at, finished_at, error)
          VALUES (${executionId}, ${s.stepId}, ${s.status}, ${s.attempt ?? 1}, ${timestamp(run.createdAt)}, ${at(end)},
                  ${json(s.errorCode ? { code: s.errorCode, message: s.errorCode, retryable: false } : undefined)})`,
    )
  }
  return executionId
}

export async function insertDevice(db: Db, id: string, name: string): Promise<void> {
  await db.execute(
    sql`INSERT INTO devices (id, name, token_hash, token_prefix) VALUES (${id}, ${name}, ${randomUUID()}, 'rf_dev')`,
  )
}

export async function insertCommand(
  db: Db,
  command: { deviceId: string; status: string; createdAt: Date; durationMs: number; errorCode?: string },
): Promise<void> {
  const end = new Date(command.createdAt.getTime() + command.durationMs)
  await db.execute(
    sql`INSERT INTO device_commands (id, device_id, action, status, created_at, started_at, finished_at, error)
        VALUES (${randomUUID()}, ${command.deviceId}, 'echo', ${command.status}, ${timestamp(command.createdAt)},
                ${timestamp(command.createdAt)}, ${timestamp(end)},
                ${json(command.errorCode ? { code: command.errorCode, message: command.errorCode } : undefined)})`,
  )
}
