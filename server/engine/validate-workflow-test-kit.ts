// Small builders for validateWorkflow's table tests: a command step, a document, its issues.
import { validateWorkflow } from './validate-workflow'
import type { WorkflowIssue } from './workflow-issues'

export type Step = Record<string, unknown>

export const cmd = (id: string, extra: Step = {}): Step => ({
  id,
  type: 'command',
  name: id,
  action: 'echo',
  ...extra,
})

export const doc = (steps: Step[], extra: Record<string, unknown> = {}) => ({ name: 'Test', steps, ...extra })

/** The errors of a refused document, or the warnings of an accepted one. */
export function issuesOf(input: unknown): WorkflowIssue[] {
  const result = validateWorkflow(input)
  return result.ok ? result.warnings : result.issues
}
