// Save-time checks of `workflow` steps: the called workflows exist, no chain of calls leads back
// to a workflow already on it (A → B → A), and no chain is deeper than MAX_CALL_DEPTH. Calls to
// "latest" follow each workflow's newest version; pinned calls follow that version.
import { WorkflowError } from '@/server/engine/errors'
import { MAX_CALL_DEPTH } from '@/server/engine/limits'
import { issue, type WorkflowIssue } from '@/server/engine/workflow-issues'
import type { TWorkflowDefinition, TWorkflowStep } from '@/server/engine/workflow-schema'
import type { Db } from '@/db/client'
import { getWorkflowVersion } from './workflow-versions'

type Reader = Pick<Db, 'select'>
type Call = { stepId: string; index: number; workflowId: string; version: number | 'latest' }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function callsOf(definition: TWorkflowDefinition): Call[] {
  return definition.steps.flatMap((step, index) =>
    step.type === 'workflow'
      ? [{ stepId: step.id, index, workflowId: step.workflow.id, version: step.workflow.version }]
      : [],
  )
}

/** Definitions by `id@version`, read once per check. */
function definitionLoader(db: Reader) {
  const cache = new Map<string, TWorkflowDefinition | undefined>()
  return async (call: Call): Promise<TWorkflowDefinition | undefined> => {
    const key = `${call.workflowId}@${call.version}`
    if (cache.has(key)) return cache.get(key)
    let found: TWorkflowDefinition | undefined
    if (UUID.test(call.workflowId)) {
      found = await getWorkflowVersion(db, call.workflowId, call.version === 'latest' ? undefined : call.version)
        .then((v) => v.definition)
        .catch((error: unknown) => {
          if (error instanceof WorkflowError && error.code === 'not_found') return undefined
          throw error
        })
    }
    cache.set(key, found)
    return found
  }
}

/**
 * The longest chain of calls below `definition`, or the first cycle met on the way (a list of
 * names from the saved workflow back to the one it reaches again).
 */
async function explore(
  definition: TWorkflowDefinition,
  path: { id: string; name: string }[],
  load: ReturnType<typeof definitionLoader>,
): Promise<{ depth: number; cycle?: string[] }> {
  let depth = 0
  for (const call of callsOf(definition)) {
    const again = path.find((p) => p.id === call.workflowId)
    if (again) return { depth, cycle: [...path.map((p) => p.name), again.name] }
    // Past the limit the exact depth does not matter: the chain is refused either way.
    if (path.length > MAX_CALL_DEPTH) return { depth: MAX_CALL_DEPTH }
    const called = await load(call)
    if (!called) continue
    const below = await explore(called, [...path, { id: call.workflowId, name: called.name }], load)
    if (below.cycle) return below
    depth = Math.max(depth, below.depth + 1)
  }
  return { depth }
}

/** Every problem of the document's `workflow` steps, each naming the step. */
export async function findWorkflowCallIssues(
  db: Reader,
  self: { id: string; definition: TWorkflowDefinition },
): Promise<WorkflowIssue[]> {
  const load = definitionLoader(db)
  const issues: WorkflowIssue[] = []
  for (const call of callsOf(self.definition)) {
    const path = ['steps', call.index, 'workflow', 'id']
    const stepId = call.stepId
    if (call.workflowId === self.id) {
      const message = `Step "${stepId}" calls this workflow itself (${self.definition.name} → ${self.definition.name}); a workflow cannot call itself.`
      issues.push(issue({ code: 'workflow_call_cycle', message, path, stepId }))
      continue
    }
    const called = await load(call)
    if (!called) {
      const message = `Step "${stepId}" calls workflow ${call.workflowId}${call.version === 'latest' ? '' : ` version ${call.version}`}, which does not exist; pick another workflow.`
      issues.push(issue({ code: 'unknown_workflow', message, path, stepId }))
      continue
    }
    const root = { id: self.id, name: self.definition.name }
    const found = await explore(called, [root, { id: call.workflowId, name: called.name }], load)
    if (found.cycle) {
      const message = `Step "${stepId}" forms a cycle of workflow calls: ${found.cycle.join(' → ')}; a workflow cannot call itself, even through others.`
      issues.push(issue({ code: 'workflow_call_cycle', message, path, stepId }))
    } else if (found.depth + 1 > MAX_CALL_DEPTH) {
      const message = `Step "${stepId}" starts a chain of more than ${MAX_CALL_DEPTH} nested workflow calls; at most ${MAX_CALL_DEPTH} are allowed.`
      issues.push(issue({ code: 'workflow_calls_too_deep', message, path, stepId }))
    }
  }
  return issues
}

/** Throws `invalid_workflow` with every call problem of the document. */
export async function requireValidWorkflowCalls(
  db: Reader,
  self: { id: string; definition: TWorkflowDefinition },
): Promise<void> {
  const issues = await findWorkflowCallIssues(db, self)
  if (issues.length === 0) return
  throw new WorkflowError('invalid_workflow', issues.map((i) => i.message).join(' '), { issues })
}

/**
 * The steps of every workflow this one calls, down to MAX_CALL_DEPTH, each id prefixed with the
 * calling steps (`verify › check`), so a check over them (the placement pre-flight) names the path.
 */
export async function calledWorkflowSteps(db: Reader, definition: TWorkflowDefinition): Promise<TWorkflowStep[]> {
  if (callsOf(definition).length === 0) return []
  const load = definitionLoader(db)
  const out: TWorkflowStep[] = []
  const seen = new Set<string>()
  let level: { definition: TWorkflowDefinition; prefix: string }[] = [{ definition, prefix: '' }]
  for (let depth = 1; depth <= MAX_CALL_DEPTH && level.length > 0; depth++) {
    const next: typeof level = []
    for (const { definition: caller, prefix } of level) {
      for (const call of callsOf(caller)) {
        const key = `${call.workflowId}@${call.version}`
        const called = seen.has(key) ? undefined : await load(call)
        seen.add(key)
        if (!called) continue
        const path = `${prefix}${call.stepId} › `
        out.push(...called.steps.map((step) => ({ ...step, id: `${path}${step.id}` })))
        next.push({ definition: called, prefix: path })
      }
    }
    level = next
  }
  return out
}
