// Compares two workflow versions step by step: which steps were added, removed or changed.
// Positions do not count as a change (moving a node is not an edit of the workflow).
import type { StepDoc } from '@/components/canvas/canvas-types'

export type StepChange = 'added' | 'removed' | 'changed' | 'unchanged'

export interface WorkflowDiff {
  /** Every step id of either version, with what happened to it from `before` to `after`. */
  steps: Map<string, StepChange>
  added: string[]
  removed: string[]
  changed: string[]
}

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'position')
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, stable(v)]),
    )
  }
  return value
}

function sameStep(a: StepDoc, b: StepDoc): boolean {
  return JSON.stringify(stable(a)) === JSON.stringify(stable(b))
}

export function diffWorkflows(before: { steps: StepDoc[] }, after: { steps: StepDoc[] }): WorkflowDiff {
  const old = new Map(before.steps.map((s) => [s.id, s]))
  const now = new Map(after.steps.map((s) => [s.id, s]))
  const steps = new Map<string, StepChange>()
  const diff: WorkflowDiff = { steps, added: [], removed: [], changed: [] }
  for (const [id, step] of now) {
    const previous = old.get(id)
    const change: StepChange = !previous ? 'added' : sameStep(previous, step) ? 'unchanged' : 'changed'
    steps.set(id, change)
    if (change === 'added') diff.added.push(id)
    if (change === 'changed') diff.changed.push(id)
  }
  for (const id of old.keys()) {
    if (now.has(id)) continue
    steps.set(id, 'removed')
    diff.removed.push(id)
  }
  return diff
}
