// A step's device commands (attempts with their devices and times; parallel branches), read from
// the command queue the gateway keeps; the inspector and the fan-out grid show them.
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { rows, toDate } from '@/server/platform/sql-helpers'
import { publicProcedure } from '../../trpc'
import { ZListStepCommandsInput, ZListStepCommandsOutput } from './list-step-commands.types'

const MAX_COMMANDS = 10_000

type CommandRow = {
  id: string
  attempt: number | null
  device_id: string
  action: string
  status: string
  error: unknown
  created_at: string | Date
  started_at: string | Date | null
  finished_at: string | Date | null
}

/** `<step row id>:<attempt>[:branch][@device]`: the part after the attempt names the branch. */
function branchOf(commandId: string): string | null {
  const parts = commandId.split(':')
  return parts.length > 2 ? parts.slice(2).join(':') : null
}

export async function listStepCommands(db: Db, input: { id: string; stepId: string }) {
  const found = await rows<CommandRow>(
    db,
    sql`SELECT c.id, c.attempt, c.device_id, c.action, c.status, c.error, c.created_at, c.started_at, c.finished_at
        FROM device_commands c
        WHERE c.step_execution_id = (
          SELECT s.id FROM step_executions s WHERE s.execution_id = ${input.id}::uuid AND s.step_id = ${input.stepId}
        )
        ORDER BY c.created_at, c.id
        LIMIT ${MAX_COMMANDS + 1}`,
  )
  return {
    commands: found.slice(0, MAX_COMMANDS).map((c) => ({
      commandId: c.id,
      attempt: c.attempt,
      branch: branchOf(c.id),
      deviceId: c.device_id,
      action: c.action,
      status: c.status,
      error: c.error,
      createdAt: toDate(c.created_at) ?? new Date(0),
      startedAt: toDate(c.started_at),
      finishedAt: toDate(c.finished_at),
    })),
    truncated: found.length > MAX_COMMANDS,
  }
}

export const listStepCommandsProcedure = publicProcedure
  .input(ZListStepCommandsInput)
  .output(ZListStepCommandsOutput)
  .query(({ ctx, input }) => listStepCommands(ctx.db, input))
