// Archive, delete, duplicate and restore: operations on a workflow as a whole.
import { eq } from 'drizzle-orm'
import { workflows } from '@/db/schema'
import { WorkflowError } from '@/server/engine/errors'
import { createWorkflow, lockWorkflow, updateWorkflow, type SavedVersion, type WorkflowDeps } from './workflow-store'
import { getWorkflowVersion, notFound } from './workflow-versions'

export async function setArchived(deps: WorkflowDeps, id: string, archived: boolean) {
  const [row] = await deps.db
    .update(workflows)
    .set({ archivedAt: archived ? deps.clock.now() : null, updatedAt: deps.clock.now() })
    .where(eq(workflows.id, id))
    .returning({ id: workflows.id, archivedAt: workflows.archivedAt })
  if (!row) throw notFound(id)
  return { id: row.id, archived: row.archivedAt !== null }
}

/** Deletes a workflow and its versions. Runs keep their own copy of the definition they ran. */
export async function deleteWorkflow(deps: WorkflowDeps, id: string) {
  return deps.db.transaction(async (tx) => {
    await lockWorkflow(tx, id)
    await tx.delete(workflows).where(eq(workflows.id, id))
    return { id, deleted: true as const }
  })
}

export async function duplicateWorkflow(deps: WorkflowDeps, id: string, name?: string): Promise<SavedVersion> {
  const source = await getWorkflowVersion(deps.db, id)
  const copyName = name ?? (await freeCopyName(deps, source.definition.name))
  const { id: _id, version: _version, ...definition } = source.definition
  return createWorkflow(deps, {
    definition: { ...definition, name: copyName },
    message: `Duplicated from "${source.definition.name}" v${source.version}`,
  })
}

async function freeCopyName(deps: WorkflowDeps, base: string): Promise<string> {
  const rows = await deps.db.select({ name: workflows.name }).from(workflows)
  const taken = new Set(rows.map((r) => r.name.toLowerCase()))
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base} (copy)` : `${base} (copy ${n})`
    if (!taken.has(candidate.toLowerCase())) return candidate.slice(0, 120)
  }
}

/** Restoring never rewrites history: it saves the old definition as a new version. */
export async function restoreVersion(
  deps: WorkflowDeps,
  input: { workflowId: string; version: number; message?: string },
): Promise<SavedVersion> {
  const old = await getWorkflowVersion(deps.db, input.workflowId, input.version)
  const { id: _id, version: _version, ...definition } = old.definition
  const current = await getWorkflowVersion(deps.db, input.workflowId)
  if (current.version === input.version) {
    throw new WorkflowError('conflict', `Version ${input.version} is already the current version.`)
  }
  return updateWorkflow(deps, {
    id: input.workflowId,
    definition,
    message: input.message ?? `Restored version ${input.version}`,
  })
}
