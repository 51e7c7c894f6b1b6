// Reading workflows' immutable versions: one version (the latest by default) with its workflow,
// and the version list. Below workflow-store.ts, so its save-time call checks can read versions too.
import { and, desc, eq, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { workflows, workflowVersions } from '@/db/schema'
import { WorkflowError } from '@/server/engine/errors'
import type { TWorkflowDefinition } from '@/server/engine/workflow-schema'

export function notFound(id: string, version?: number): WorkflowError {
  const what = version === undefined ? `Workflow ${id}` : `Version ${version} of workflow ${id}`
  return new WorkflowError('not_found', `${what} does not exist (it may have been deleted).`)
}

/** A workflow and one of its versions (the latest by default), in one query. */
export async function getWorkflowVersion(db: Pick<Db, 'select'>, id: string, version?: number) {
  // No version beyond PostgreSQL's integer range exists; asking the database would be an error.
  if (version !== undefined && !(Number.isInteger(version) && version >= 1 && version <= 2_147_483_647))
    throw notFound(id, version)
  const [row] = await db
    .select({ workflow: workflows, version: workflowVersions })
    .from(workflows)
    .leftJoin(
      workflowVersions,
      and(
        eq(workflowVersions.workflowId, workflows.id),
        eq(workflowVersions.version, version ?? workflows.latestVersion),
      ),
    )
    .where(eq(workflows.id, id))
  if (!row) throw notFound(id)
  if (!row.version) throw notFound(id, version ?? row.workflow.latestVersion)
  return {
    workflow: row.workflow,
    version: row.version.version,
    message: row.version.message,
    createdAt: row.version.createdAt,
    definition: row.version.definition as TWorkflowDefinition,
  }
}

export async function listVersions(db: Db, workflowId: string) {
  const [meta] = await db.select({ id: workflows.id }).from(workflows).where(eq(workflows.id, workflowId))
  if (!meta) throw notFound(workflowId)
  return db
    .select({
      version: workflowVersions.version,
      message: workflowVersions.message,
      createdAt: workflowVersions.createdAt,
      stepCount: sql<number>`jsonb_array_length(${workflowVersions.definition}->'steps')`.mapWith(Number),
    })
    .from(workflowVersions)
    .where(eq(workflowVersions.workflowId, workflowId))
    .orderBy(desc(workflowVersions.version))
}
