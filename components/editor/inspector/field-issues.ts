// Which of the validation problems the editor already shows belong to one inspector field, so
// the field can show them inline. The inspector provides the problems of what it edits (a step,
// or the workflow) and each field asks with its path relative to that.
import { createContext, useContext } from 'react'
import type { WorkflowIssue } from '@/server/engine/workflow-issues'

export type IssuePath = readonly (string | number)[]

export interface InspectorIssues {
  issues: readonly WorkflowIssue[]
  /** 'step': issue paths start with ['steps', index], which the fields do not name. */
  scope: 'step' | 'workflow'
}

function relativePath(path: IssuePath, scope: InspectorIssues['scope']): IssuePath | undefined {
  if (scope === 'workflow') return path
  return path[0] === 'steps' && typeof path[1] === 'number' ? path.slice(2) : undefined
}

/** The problems at `field` or inside it (a bad `retryPolicy.jitter` belongs to the jitter field). */
export function issuesAtField(context: InspectorIssues, field: IssuePath): WorkflowIssue[] {
  return context.issues.filter((found) => {
    const path = relativePath(found.path, context.scope)
    return path !== undefined && path.length >= field.length && field.every((key, i) => path[i] === key)
  })
}

export const InspectorIssuesContext = createContext<InspectorIssues>({ issues: [], scope: 'workflow' })

const NONE: readonly WorkflowIssue[] = []

export function useFieldIssues(field: IssuePath | undefined): readonly WorkflowIssue[] {
  const context = useContext(InspectorIssuesContext)
  return field ? issuesAtField(context, field) : NONE
}
