// The read-only graphs of the versions panel: one saved version, a comparison drawn on one
// canvas (the later version, removed steps faded where they were), or two canvases side by
// side (old: removed and changed marked; new: added and changed marked).
import { documentToNoteNodes, notesOf } from './canvas-notes'
import { diffWorkflows, type StepChange, type WorkflowDiff } from './diff-workflows'
import type { CanvasNode, FlowEdge, StepDoc, WorkflowDoc } from './editor-types'
import { documentToEdges, documentToNodes, prepareDocument } from './flow-document'

export interface ReadOnlyGraph {
  nodes: CanvasNode[]
  edges: FlowEdge[]
}

const NONE = new Set<string>()
const NO_SIZES = new Map()

function graphOf(doc: WorkflowDoc, steps: StepDoc[], changeOf?: (id: string) => StepChange): ReadOnlyGraph {
  const stepNodes = documentToNodes(steps, NONE, NO_SIZES, new Map())
  const marked = changeOf ? stepNodes.map((n) => ({ ...n, className: `diff-${changeOf(n.id)}` })) : stepNodes
  const notes = documentToNoteNodes(notesOf(doc), NONE, new Map())
  return { nodes: [...notes, ...marked], edges: documentToEdges(doc.steps, NONE, new Map()) }
}

export function versionGraph(doc: WorkflowDoc): ReadOnlyGraph {
  const prepared = prepareDocument(doc)
  return graphOf(prepared, prepared.steps)
}

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
  const changeOf = (id: string) => diff.steps.get(id) ?? 'unchanged'
  const removed = before.steps.filter((s) => diff.steps.get(s.id) === 'removed')
  const list = (label: string, ids: string[]) =>
    `${ids.length} ${label}${ids.length ? ` (${ids.join(', ')})` : ''}`
  return {
    diff,
    summary: [list('added', diff.added), list('changed', diff.changed), list('removed', diff.removed)].join(
      ' · ',
    ),
    overlay: graphOf(after, [...after.steps, ...removed], changeOf),
    before: graphOf(before, before.steps, changeOf),
    after: graphOf(after, after.steps, changeOf),
  }
}
