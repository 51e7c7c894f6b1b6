// Validation problems per step, outside React Flow's node data: a node subscribes to its own
// entry, so new problems re-render only the nodes whose problems changed (DESIGN.md §7).
import { createContext, useContext, useSyncExternalStore } from 'react'
import type { WorkflowIssue } from '@/server/engine/workflow-issues'

const NONE: readonly WorkflowIssue[] = []

export class IssueStore {
  private byStep = new Map<string, readonly WorkflowIssue[]>()
  private keys = new Map<string, string>()
  private listeners = new Set<() => void>()

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  forStep = (stepId: string): readonly WorkflowIssue[] => this.byStep.get(stepId) ?? NONE

  /** Replaces all problems; a step whose problems read the same keeps the same array. */
  set(issues: readonly WorkflowIssue[]): void {
    const grouped = new Map<string, WorkflowIssue[]>()
    for (const found of issues) {
      if (found.stepId === undefined) continue
      grouped.set(found.stepId, [...(grouped.get(found.stepId) ?? []), found])
    }
    let changed = false
    const next = new Map<string, readonly WorkflowIssue[]>()
    const nextKeys = new Map<string, string>()
    for (const [stepId, list] of grouped) {
      const key = list.map((i) => `${i.severity}:${i.code}:${i.message}`).join('\n')
      const previous = this.byStep.get(stepId)
      const same = previous !== undefined && this.keys.get(stepId) === key
      next.set(stepId, same ? previous : list)
      nextKeys.set(stepId, key)
      changed ||= !same
    }
    changed ||= [...this.byStep.keys()].some((id) => !grouped.has(id))
    this.byStep = next
    this.keys = nextKeys
    if (changed) this.listeners.forEach((listener) => listener())
  }
}

export const IssueStoreContext = createContext<IssueStore>(new IssueStore())

export function useStepIssues(stepId: string): readonly WorkflowIssue[] {
  const store = useContext(IssueStoreContext)
  return useSyncExternalStore(store.subscribe, () => store.forStep(stepId), () => NONE)
}
