// Validates the document in the browser with the engine's own validateWorkflow, debounced, adds
// the placement warnings against the fleet (when it is known), and publishes the problems to the
// node badges (IssueStore) and the problems list.
import { useEffect, useState } from 'react'
import { checkPlacement, type FleetDevice } from '@/server/engine/placement'
import { ZWorkflowStep, type TWorkflowStep } from '@/steps/registry'
import { validateWorkflow } from '@/server/engine/validate-workflow'
import type { WorkflowIssue } from '@/server/engine/workflow-issues'
import type { WorkflowDoc } from '@/components/canvas/canvas-types'
import type { IssueStore } from './issue-store'

export function allIssues(doc: WorkflowDoc, fleet?: readonly FleetDevice[]): WorkflowIssue[] {
  const result = validateWorkflow(doc)
  const issues = result.ok ? result.warnings : result.issues
  if (!fleet) return issues
  // An invalid document still gets warnings for the steps that parse on their own.
  const steps: (TWorkflowStep | undefined)[] = result.ok
    ? result.workflow.steps
    : doc.steps.map((step) => {
        const parsed = ZWorkflowStep.safeParse(step)
        return parsed.success ? parsed.data : undefined
      })
  return [...issues, ...checkPlacement(steps, fleet, { includeOffline: true, severity: 'warning' })]
}

export function useValidation(
  doc: WorkflowDoc,
  store: IssueStore,
  fleet?: readonly FleetDevice[],
  delayMs = 250,
) {
  const [checked, setChecked] = useState<{ doc: WorkflowDoc | null; issues: WorkflowIssue[] }>({ doc: null, issues: [] })
  useEffect(() => {
    const timer = window.setTimeout(() => {
      const issues = allIssues(doc, fleet)
      store.set(issues)
      setChecked({ doc, issues })
    }, checked.doc === null ? 0 : delayMs)
    return () => window.clearTimeout(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new document or fleet restarts the timer
  }, [doc, store, delayMs, fleet])
  return { issues: checked.issues, pending: checked.doc !== doc }
}
