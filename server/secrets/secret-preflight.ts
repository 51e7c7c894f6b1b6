// Pre-flight for secrets: before a workflow is saved or a run starts, every `secrets.NAME` it
// references must exist in the store; each missing one is an issue naming the step and field.
// Runs in the tRPC middleware, so the workflow procedures themselves stay unaware of secrets.
import { WorkflowError } from '@/server/engine/errors'
import { issue, type WorkflowIssue } from '@/server/engine/workflow-issues'
import { getWorkflowVersion } from '@/server/workflows/workflow-store'
import { workflowSecretReferences } from './secret-references'
import { canCall } from '@/server/auth/permissions'
import { isAuthEnforced, type CallContext } from '@/server/auth/request-info'
import { listSecretNames } from './secret-store'

export async function unknownSecretIssues(
  ctx: CallContext,
  definition: unknown,
): Promise<{ names: string[]; issues: WorkflowIssue[] }> {
  const refs = workflowSecretReferences(definition)
  if (refs.length === 0) return { names: [], issues: [] }
  const known = await listSecretNames(ctx.db)
  const missing = refs.filter((r) => !known.has(r.name))
  const issues = missing.map((r) =>
    issue({
      code: 'unknown_secret',
      message: `Step "${r.stepId}" reads secrets.${r.name}, but there is no secret named "${r.name}"; an admin can create it under Settings → Secrets.`,
      path: r.path,
      stepId: r.stepId,
    }),
  )
  return { names: [...new Set(missing.map((r) => r.name))], issues }
}

function objectInput(raw: unknown): Record<string, unknown> {
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {}
}

function parsedJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined // the import procedure reports the syntax error itself
  }
}

/** The workflow document a call saves or runs, if it is one that the pre-flight checks. */
async function documentOf(ctx: CallContext, path: string, raw: unknown): Promise<unknown> {
  const input = objectInput(raw)
  switch (path) {
    case 'workflows.create':
    case 'workflows.update':
      return input.definition
    case 'workflows.import':
      return parsedJson(input.json)
    case 'runs.start': {
      if (typeof input.workflowId !== 'string') return undefined
      const version = typeof input.version === 'number' ? input.version : undefined
      try {
        return (await getWorkflowVersion(ctx.db, input.workflowId, version)).definition
      } catch {
        return undefined // not found and friends: the procedure says so
      }
    }
    default:
      return undefined
  }
}

/** Throws an `invalid_workflow` error listing every unknown secret of a save or run start. */
export async function preflightSecrets(ctx: CallContext, path: string, raw: unknown): Promise<void> {
  const document = await documentOf(ctx, path, raw)
  if (document === undefined) return
  const { names, issues } = await unknownSecretIssues(ctx, document)
  if (issues.length === 0) return
  const what = path === 'runs.start' ? 'The run cannot start' : 'The workflow cannot be saved'
  throw new WorkflowError(
    'invalid_workflow',
    `${what}: it references secrets that do not exist (${names.join(', ')}).`,
    {
      issues,
    },
  )
}

/** Who may learn which secret names exist: those who may list them (editors and up), or everyone with auth off. */
function maySeeSecretNames(ctx: CallContext): boolean {
  if (!isAuthEnforced(ctx.auth)) return true
  return ctx.actor !== undefined && canCall(ctx.actor.role, 'secrets.list')
}

/**
 * `workflows.validate` reports unknown secrets too, as errors beside the engine's issues; to
 * callers who may not list secret names (viewers, operators) it answers the same whether a name
 * exists or not.
 */
export async function withUnknownSecretIssues(
  ctx: CallContext,
  raw: unknown,
  data: unknown,
): Promise<unknown> {
  if (!maySeeSecretNames(ctx)) return data
  const output = objectInput(data)
  if (!Array.isArray(output.issues)) return data
  const { issues } = await unknownSecretIssues(ctx, objectInput(raw).definition)
  if (issues.length === 0) return data
  return { ...output, ok: false, issues: [...(output.issues as WorkflowIssue[]), ...issues] }
}
