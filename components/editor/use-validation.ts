// Validates the document in the browser with the engine's own validateWorkflow, debounced,
// and publishes the problems to the node badges (IssueStore) and the problems list.
import { useEffect, useState } from 'react'
import { validateWorkflow } from '@/server/engine/validate-workflow'
import type { WorkflowIssue } from '@/server/engine/workflow-issues'
import type { WorkflowDoc } from './editor-types'
import type { IssueStore } from './issue-store'

export function allIssues(doc: WorkflowDoc): WorkflowIssue[] {
  const result = validateWorkflow(doc)
  return result.ok ? result.warnings : result.issues
}

export function useValidation(doc: WorkflowDoc, store: IssueStore, delayMs = 250) {
  const [checked, setChecked] = useState<{ doc: WorkflowDoc | null; issues: WorkflowIssue[] }>({ doc: null, issues: [] })
  useEffect(() => {
    const timer = window.setTimeout(() => {
      const issues = allIssues(doc)
      store.set(issues)
      setChecked({ doc, issues })
    }, checked.doc === null ? 0 : delayMs)
    return () => window.clearTimeout(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new document restarts the timer
  }, [doc, store, delayMs])
  return { issues: checked.issues, pending: checked.doc !== doc }
}
