// The versions panel's comparison of two saved versions: one canvas (the later version,
// removed steps faded where they were), or two side by side (old: removed and changed marked;
// new: added and changed marked).
import type { WorkflowDoc } from '@/components/canvas/canvas-types'
import { prepareDocument } from '@/components/canvas/flow-document'
import { graphOf, type ReadOnlyGraph } from '@/components/canvas/read-only-graph'
import { diffWorkflows, type WorkflowDiff } from './diff-workflows'

export interface Comparison {
  diff: WorkflowDiff
  summary: string
  overlay: ReadOnlyGraph
  before: ReadOnlyGraph
  after: ReadOnlyGraph
}

export function compareVersions(beforeDoc: WorkflowDoc, afterDoc: WorkflowDoc): Comparison {
  const before = prepareDocument(beforeDoc)
  const after = prepareDocument(afterDoc)
  const diff = diffWorkflows(before, after)
  const classOf = (id: string) => `diff-${diff.steps.get(id) ?? 'unchanged'}`
  const removed = before.steps.filter((s) => diff.steps.get(s.id) === 'removed')
  const list = (label: string, ids: string[]) =>
    `${ids.length} ${label}${ids.length ? ` (${ids.join(', ')})` : ''}`
  return {
    diff,
    summary: [list('added', diff.added), list('changed', diff.changed), list('removed', diff.removed)].join(
      ' · ',
    ),
    overlay: graphOf(after, [...after.steps, ...removed], classOf),
    before: graphOf(before, before.steps, classOf),
    after: graphOf(after, after.steps, classOf),
  }
}
