// Workflows and their immutable versions in Postgres. Every write validates first and
// runs in one transaction, so a refused call leaves the database unchanged.
import { eq } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { isUniqueViolation } from '@/db/postgres-errors'
import { workflows, workflowVersions } from '@/db/schema'
import { WorkflowError } from '@/server/engine/errors'
import { validateWorkflow } from '@/server/engine/validate-workflow'
import type { WorkflowIssue } from '@/server/engine/workflow-issues'
import type { TWorkflowDefinition } from '@/server/engine/workflow-schema'
import { requireValidWorkflowCalls } from './workflow-calls'
import { notFound } from './workflow-versions'

// The reads live in workflow-versions.ts (the call checks use them too); callers elsewhere still find them here.
export { getWorkflowVersion, listVersions, notFound } from './workflow-versions'

export type WorkflowDeps = { db: Db; clock: { now: () => Date } }
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

export type SavedVersion = { workflowId: string; version: number; definition: TWorkflowDefinition }

/** Validates a document and throws `invalid_workflow` with every issue when it is not valid. */
export function requireValidWorkflow(input: unknown): { workflow: TWorkflowDefinition; warnings: WorkflowIssue[] } {
  const result = validateWorkflow(input)
  if (!result.ok) {
    const errors = result.issues.filter((i: WorkflowIssue) => i.severity === 'error')
    const count = errors.length
    throw new WorkflowError(
      'invalid_workflow',
      `The workflow has ${count} problem${count === 1 ? '' : 's'}; fix ${count === 1 ? 'it' : 'them'} and try again.`,
      { issues: result.issues },
    )
  }
  return { workflow: result.workflow, warnings: result.warnings }
}

function nameConflict(name: string): WorkflowError {
  return new WorkflowError('conflict', `A workflow named "${name}" already exists. Choose another name.`, {
    issues: [
      { code: 'duplicate_name', message: `A workflow named "${name}" already exists.`, path: ['name'], severity: 'error' },
    ],
  })
}

async function withNameCheck<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (isUniqueViolation(error, 'workflows_name_unique')) throw nameConflict(name)
    throw error
  }
}

export async function createWorkflow(
  deps: WorkflowDeps,
  input: { definition: unknown; message?: string },
): Promise<SavedVersion> {
  const { workflow } = requireValidWorkflow(input.definition)
  return withNameCheck(workflow.name, () =>
    deps.db.transaction(async (tx) => {
      const now = deps.clock.now()
      const [row] = await tx
        .insert(workflows)
        .values({
          name: workflow.name,
          description: workflow.description ?? '',
          latestVersion: 1,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: workflows.id })
      if (!row) throw new Error('insert into workflows returned no row')
      return insertVersion(tx, row.id, 1, workflow, input.message ?? 'Created', now)
    }),
  )
}

export async function updateWorkflow(
  deps: WorkflowDeps,
  input: { id: string; definition: unknown; message?: string; expectedVersion?: number },
): Promise<SavedVersion> {
  const { workflow } = requireValidWorkflow(input.definition)
  return withNameCheck(workflow.name, () =>
    deps.db.transaction(async (tx) => {
      const current = await lockWorkflow(tx, input.id)
      if (input.expectedVersion !== undefined && input.expectedVersion !== current.latestVersion) {
        throw new WorkflowError(
          'conflict',
          `This workflow was saved as version ${current.latestVersion} since you opened version ${input.expectedVersion}. Reload it before saving.`,
        )
      }
      const now = deps.clock.now()
      const version = current.latestVersion + 1
      await tx
        .update(workflows)
        .set({ name: workflow.name, description: workflow.description ?? '', latestVersion: version, updatedAt: now })
        .where(eq(workflows.id, input.id))
      return insertVersion(tx, input.id, version, workflow, input.message ?? '', now)
    }),
  )
}

async function insertVersion(
  tx: Tx,
  workflowId: string,
  version: number,
  workflow: TWorkflowDefinition,
  message: string,
  now: Date,
): Promise<SavedVersion> {
  const definition: TWorkflowDefinition = { ...workflow, id: workflowId, version }
  await requireValidWorkflowCalls(tx, { id: workflowId, definition })
  await tx.insert(workflowVersions).values({ workflowId, version, definition, message, createdAt: now })
  return { workflowId, version, definition }
}

export async function lockWorkflow(tx: Tx, id: string) {
  const [row] = await tx.select().from(workflows).where(eq(workflows.id, id)).for('update')
  if (!row) throw notFound(id)
  return row
}
