// A step's log lines, as its devices streamed them (all attempts and branches), oldest first,
// paged by log id so a view follows a long log without re-reading it.
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { rows, toDate } from '@/server/platform/sql-helpers'
import { publicProcedure } from '../../trpc'
import { ZListStepLogsInput, ZListStepLogsOutput } from './list-step-logs.types'

type LogRow = { id: string | number; command_id: string; stream: string; line: string; created_at: string | Date }

export async function listStepLogs(db: Db, input: { id: string; stepId: string; afterId: number; limit: number }) {
  const found = await rows<LogRow>(
    db,
    sql`SELECT l.id, l.command_id, l.stream, l.line, l.created_at
        FROM device_command_logs l
        JOIN device_commands c ON c.id = l.command_id
        WHERE c.step_execution_id = (
          SELECT s.id FROM step_executions s WHERE s.execution_id = ${input.id}::uuid AND s.step_id = ${input.stepId}
        ) AND l.id > ${input.afterId}
        ORDER BY l.id
        LIMIT ${input.limit + 1}`,
  )
  return {
    lines: found.slice(0, input.limit).map((l) => ({
      id: Number(l.id),
      commandId: l.command_id,
      stream: l.stream,
      line: l.line,
      at: toDate(l.created_at) ?? new Date(0),
    })),
    more: found.length > input.limit,
  }
}

export const listStepLogsProcedure = publicProcedure
  .input(ZListStepLogsInput)
  .output(ZListStepLogsOutput)
  .query(({ ctx, input }) => listStepLogs(ctx.db, input))
