// Templates in Postgres: list, create from a workflow, instantiate into a new workflow,
// and the built-in set seeded on first start.
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { isUniqueViolation } from '@/db/postgres-errors'
import { templates } from '@/db/schema'
import { builtinTemplates } from '@/server/templates/builtin-templates'
import { WorkflowError } from '@/server/engine/errors'
import {
  instantiateTemplate,
  validateTemplate,
  type TWorkflowTemplate,
  type TTemplateVariable,
} from '@/server/engine/workflow-template'
import { createWorkflow, getWorkflowVersion, type WorkflowDeps } from '@/server/workflows/workflow-store'

type TemplateRow = typeof templates.$inferSelect

export function toTemplate(row: TemplateRow): TWorkflowTemplate & { id: string; isBuiltin: boolean } {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    category: row.category,
    variables: row.variables as TTemplateVariable[],
    workflow: row.workflow as TWorkflowTemplate['workflow'],
    isBuiltin: row.isBuiltin,
  }
}

export async function listTemplates(db: Db, query: { search?: string; category?: string }) {
  const filters: SQL[] = []
  const search = query.search?.trim()
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    const match = or(ilike(templates.name, pattern), ilike(templates.description, pattern))
    if (match) filters.push(match)
  }
  if (query.category) filters.push(eq(templates.category, query.category))
  const rows = await db
    .select()
    .from(templates)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(asc(templates.name))
  return rows.map(toTemplate)
}

export async function getTemplate(db: Db, id: string) {
  const [row] = await db.select().from(templates).where(eq(templates.id, id))
  if (!row) throw new WorkflowError('not_found', `Template ${id} does not exist (it may have been deleted).`)
  return toTemplate(row)
}

async function insertTemplate(deps: WorkflowDeps, template: TWorkflowTemplate, isBuiltin: boolean) {
  const checked = validateTemplate(template)
  if (!checked.ok) {
    throw new WorkflowError('invalid_template', 'The template is not valid; see the listed problems.', {
      issues: checked.issues,
    })
  }
  try {
    const now = deps.clock.now()
    const [row] = await deps.db
      .insert(templates)
      .values({
        name: template.name,
        description: template.description ?? '',
        category: template.category ?? 'general',
        variables: template.variables,
        workflow: template.workflow,
        isBuiltin,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
    if (!row) throw new Error('insert into templates returned no row')
    return toTemplate(row)
  } catch (error) {
    if (isUniqueViolation(error, 'templates_name_unique')) {
      throw new WorkflowError(
        'conflict',
        `A template named "${template.name}" already exists. Choose another name.`,
        {
          issues: [
            { code: 'schema_error', message: 'Name already taken', path: ['name'], severity: 'error' },
          ],
        },
      )
    }
    throw error
  }
}

export async function createTemplateFromWorkflow(
  deps: WorkflowDeps,
  input: {
    workflowId: string
    version?: number
    name: string
    description?: string
    category?: string
    variables?: TTemplateVariable[]
  },
) {
  const source = await getWorkflowVersion(deps.db, input.workflowId, input.version)
  const { id: _id, version: _version, ...workflow } = source.definition
  return insertTemplate(
    deps,
    {
      name: input.name,
      description: input.description ?? source.definition.description ?? '',
      category: input.category ?? 'general',
      variables: input.variables ?? [],
      workflow,
    },
    false,
  )
}

export async function instantiateTemplateAsWorkflow(
  deps: WorkflowDeps,
  input: { templateId: string; values: Record<string, unknown>; name: string },
) {
  const template = await getTemplate(deps.db, input.templateId)
  const result = instantiateTemplate(template, input.values, { name: input.name })
  if (!result.ok) {
    throw new WorkflowError('invalid_template', 'The template could not be instantiated with these values.', {
      issues: result.issues,
    })
  }
  return createWorkflow(deps, {
    definition: result.workflow,
    message: `Created from template "${template.name}"`,
  })
}

/** Inserts the built-in templates that are missing; existing ones (and user edits) are kept. */
/**
 * Inserts the built-in templates, and brings built-in rows an earlier release seeded up to date
 * (their content follows the runner's rules, e.g. `always` is finally since issue 15). A user's
 * own template with a built-in's name is left alone. Returns how many were inserted or updated.
 */
export async function seedBuiltinTemplates(deps: WorkflowDeps): Promise<number> {
  let changed = 0
  for (const template of builtinTemplates) {
    const [existing] = await deps.db
      .select({ id: templates.id, isBuiltin: templates.isBuiltin })
      .from(templates)
      .where(eq(templates.name, template.name))
    if (existing) {
      if (existing.isBuiltin) changed += await refreshBuiltin(deps, existing.id, template)
      continue
    }
    try {
      await insertTemplate(deps, template, true)
      changed++
    } catch (error) {
      // Another process seeding at the same moment won the race: that is fine.
      if (!(error instanceof WorkflowError && error.code === 'conflict')) throw error
    }
  }
  return changed
}

/** Rewrites a built-in row whose content differs (compared as jsonb, so key order does not count). */
async function refreshBuiltin(deps: WorkflowDeps, id: string, template: TWorkflowTemplate): Promise<number> {
  const workflow = JSON.stringify(template.workflow)
  const variables = JSON.stringify(template.variables)
  const description = template.description ?? ''
  const updated = await deps.db.execute(sql`
    UPDATE templates SET workflow = ${workflow}::jsonb, variables = ${variables}::jsonb,
      description = ${description}, updated_at = ${deps.clock.now().toISOString()}::timestamptz
    WHERE id = ${id} AND is_builtin
      AND (workflow IS DISTINCT FROM ${workflow}::jsonb OR variables IS DISTINCT FROM ${variables}::jsonb
        OR description IS DISTINCT FROM ${description})
    RETURNING id`)
  return updated.length
}
