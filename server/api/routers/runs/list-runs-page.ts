// Runs newest first with filters (status, workflow, trigger, device, time range), paged by keyset on
// (created_at, id) rather than OFFSET, so any page of 100,000 runs is one short index range.
import { and, asc, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { executions } from '@/db/schema'
import type { ExecutionStatus } from '@/server/engine/run/run-status'
import type { RunKind } from '@/server/platform/run-kind'
import { publicProcedure } from '../../trpc'
import { ZListRunsPageInput, ZListRunsPageOutput, type TListRunsPageInput } from './list-runs-page.types'

export async function listRunsPage(db: Db, input: TListRunsPageInput) {
  const filters: SQL[] = []
  if (input.workflowId) filters.push(eq(executions.workflowId, input.workflowId))
  if (input.status) filters.push(eq(executions.status, input.status))
  if (input.trigger) filters.push(eq(executions.trigger, input.trigger))
  if (!input.includeTests) filters.push(eq(executions.kind, 'run'))
  if (input.deviceId)
    filters.push(sql`EXISTS (SELECT 1 FROM step_executions s JOIN device_commands c ON c.step_execution_id = s.id
      WHERE s.execution_id = ${executions.id} AND c.device_id = ${input.deviceId})`)
  if (input.from) filters.push(gte(executions.createdAt, input.from))
  if (input.to) filters.push(lt(executions.createdAt, input.to))
  const isNewer = input.direction === 'newer'
  const { cursor } = input
  if (cursor) {
    const beyond = isNewer
      ? sql`(${executions.createdAt}, ${executions.id}) > (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`
      : sql`(${executions.createdAt}, ${executions.id}) < (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`
    filters.push(beyond)
  }
  const order = isNewer ? [asc(executions.createdAt), asc(executions.id)] : [desc(executions.createdAt), desc(executions.id)]
  const found = await db
    .select({
      id: executions.id,
      workflowId: executions.workflowId,
      workflowVersion: executions.workflowVersion,
      /** From the run's own copy of the definition: right after renames and deletes. */
      workflowName: sql<string>`coalesce(${executions.definition}->>'name', '')`,
      status: executions.status,
      trigger: executions.trigger,
      createdAt: executions.createdAt,
      startedAt: executions.startedAt,
      finishedAt: executions.finishedAt,
      handledFailures: executions.handledFailures,
      kind: executions.kind,
    })
    .from(executions)
    .where(filters.length > 0 ? and(...filters) : undefined)
    .orderBy(...order)
    .limit(input.limit + 1)
  const hasMore = found.length > input.limit
  const page = found.slice(0, input.limit)
  if (isNewer) page.reverse()
  const items = page.map((r) => ({ ...r, status: r.status as ExecutionStatus, kind: r.kind as RunKind }))
  const first = items[0]
  const last = items.at(-1)
  const edge = (r: typeof first) => (r ? { createdAt: r.createdAt, id: r.id } : null)
  // Going older, newer rows exist when we came from a cursor; going newer, older ones always do.
  const older = isNewer ? (cursor ? edge(last) : null) : hasMore ? edge(last) : null
  const newer = isNewer ? (hasMore ? edge(first) : null) : cursor ? edge(first) : null
  return { items, older, newer }
}

export const listRunsPageProcedure = publicProcedure
  .input(ZListRunsPageInput)
  .output(ZListRunsPageOutput)
  .query(({ ctx, input }) => listRunsPage(ctx.db, input))
