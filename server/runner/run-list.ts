// The runs list, one query for both ways of paging it: by offset (listRuns, with a total) and by
// keyset on (created_at, id) (listRunsPage), so any page of 100,000 runs is one short index range.
import { and, asc, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { executions } from '@/db/schema'
import type { ExecutionStatus } from '@/server/engine/run/run-status'
import type { RunKind } from '@/server/platform/run-kind'

export interface RunListFilter {
  workflowId?: string | undefined
  status?: ExecutionStatus | undefined
  trigger?: string | undefined
  /** Runs with at least one command on this device. */
  deviceId?: string | undefined
  /** Created at or after. */
  from?: Date | undefined
  /** Created before. */
  to?: Date | undefined
  /** Test runs (one step tested from the editor) are left out unless asked for. */
  includeTests?: boolean | undefined
}

export interface RunCursor {
  createdAt: Date
  id: string
}

function filterConditions(filter: RunListFilter): SQL[] {
  const filters: SQL[] = []
  if (filter.workflowId) filters.push(eq(executions.workflowId, filter.workflowId))
  if (filter.status) filters.push(eq(executions.status, filter.status))
  if (filter.trigger) filters.push(eq(executions.trigger, filter.trigger))
  if (!filter.includeTests) filters.push(eq(executions.kind, 'run'))
  if (filter.deviceId)
    filters.push(sql`EXISTS (SELECT 1 FROM step_executions s JOIN device_commands c ON c.step_execution_id = s.id
      WHERE s.execution_id = ${executions.id} AND c.device_id = ${filter.deviceId})`)
  if (filter.from) filters.push(gte(executions.createdAt, filter.from))
  if (filter.to) filters.push(lt(executions.createdAt, filter.to))
  return filters
}

/** The one runs-list query: the filtered rows in the given order and window. */
async function selectRuns(
  db: Db,
  where: SQL | undefined,
  window: { order: SQL[]; limit: number; offset?: number },
) {
  const query = db
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
    .where(where)
    .orderBy(...window.order)
    .limit(window.limit)
  const found = await (window.offset === undefined ? query : query.offset(window.offset))
  return found.map((r) => ({ ...r, status: r.status as ExecutionStatus, kind: r.kind as RunKind }))
}

const NEWEST_FIRST = [desc(executions.createdAt), desc(executions.id)]

export async function listRuns(db: Db, input: RunListFilter & { page: number; pageSize: number }) {
  const filters = filterConditions(input)
  const where = filters.length > 0 ? and(...filters) : undefined
  const items = await selectRuns(db, where, {
    order: NEWEST_FIRST,
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  })
  const [total] = await db.select({ n: count() }).from(executions).where(where)
  return { items, total: total?.n ?? 0, page: input.page, pageSize: input.pageSize }
}

export async function listRunsPage(
  db: Db,
  input: RunListFilter & { cursor?: RunCursor | undefined; direction: 'older' | 'newer'; limit: number },
) {
  const filters = filterConditions(input)
  const isNewer = input.direction === 'newer'
  const { cursor } = input
  if (cursor) {
    const beyond = isNewer
      ? sql`(${executions.createdAt}, ${executions.id}) > (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`
      : sql`(${executions.createdAt}, ${executions.id}) < (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`
    filters.push(beyond)
  }
  const order = isNewer ? [asc(executions.createdAt), asc(executions.id)] : NEWEST_FIRST
  const found = await selectRuns(db, filters.length > 0 ? and(...filters) : undefined, {
    order,
    limit: input.limit + 1,
  })
  const hasMore = found.length > input.limit
  const items = found.slice(0, input.limit)
  if (isNewer) items.reverse()
  const first = items[0]
  const last = items.at(-1)
  const edge = (r: typeof first) => (r ? { createdAt: r.createdAt, id: r.id } : null)
  // Going older, newer rows exist when we came from a cursor; going newer, older ones always do.
  const older = isNewer ? (cursor ? edge(last) : null) : hasMore ? edge(last) : null
  const newer = isNewer ? (hasMore ? edge(first) : null) : cursor ? edge(first) : null
  return { items, older, newer }
}
