// The workflows list: search, pagination and sorting, computed in one query.
import { and, asc, desc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { workflows, workflowVersions } from '@/db/schema'

export type WorkflowListQuery = {
  search?: string
  page: number
  pageSize: number
  sort: 'updated' | 'name' | 'created'
  includeArchived: boolean
}

export async function listWorkflows(db: Db, query: WorkflowListQuery) {
  const filters: SQL[] = []
  if (!query.includeArchived) filters.push(isNull(workflows.archivedAt))
  const search = query.search?.trim()
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    const match = or(ilike(workflows.name, pattern), ilike(workflows.description, pattern))
    if (match) filters.push(match)
  }
  const order =
    query.sort === 'name'
      ? [asc(sql`lower(${workflows.name})`)]
      : query.sort === 'created'
        ? [desc(workflows.createdAt), asc(workflows.id)]
        : [desc(workflows.updatedAt), asc(workflows.id)]
  const rows = await db
    .select({
      id: workflows.id,
      name: workflows.name,
      description: workflows.description,
      latestVersion: workflows.latestVersion,
      archivedAt: workflows.archivedAt,
      createdAt: workflows.createdAt,
      updatedAt: workflows.updatedAt,
      stepCount: sql<number>`jsonb_array_length(${workflowVersions.definition}->'steps')`.mapWith(Number),
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(workflows)
    .innerJoin(
      workflowVersions,
      and(eq(workflowVersions.workflowId, workflows.id), eq(workflowVersions.version, workflows.latestVersion)),
    )
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(...order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
  const total = rows[0]?.total ?? (query.page > 1 ? await countWorkflows(db, filters) : 0)
  return {
    items: rows.map(({ total: _total, ...item }) => ({ ...item, archived: item.archivedAt !== null })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  }
}

async function countWorkflows(db: Db, filters: SQL[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(workflows)
    .where(filters.length ? and(...filters) : undefined)
  return row?.n ?? 0
}
