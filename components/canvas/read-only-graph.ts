// A workflow document as a read-only React Flow graph (a saved version, a run's definition):
// steps placed and edges folded in as the editor would show them, notes included.
import { documentToNoteNodes, notesOf } from './canvas-notes'
import type { CanvasNode, FlowEdge, StepDoc, WorkflowDoc } from './canvas-types'
import { documentToEdges, documentToNodes, prepareDocument } from './flow-document'

export interface ReadOnlyGraph {
  nodes: CanvasNode[]
  edges: FlowEdge[]
}

const NONE = new Set<string>()
const NO_SIZES = new Map()

/**
 * The graph of `doc` drawing `steps` (which may include steps `doc` no longer has); `classOf`
 * gives each step node a class name, e.g. how a comparison marks it.
 */
export function graphOf(doc: WorkflowDoc, steps: StepDoc[], classOf?: (id: string) => string): ReadOnlyGraph {
  const stepNodes = documentToNodes(steps, NONE, NO_SIZES, new Map())
  const marked = classOf ? stepNodes.map((n) => ({ ...n, className: classOf(n.id) })) : stepNodes
  const notes = documentToNoteNodes(notesOf(doc), NONE, new Map())
  return { nodes: [...notes, ...marked], edges: documentToEdges(doc.steps, NONE, new Map()) }
}

/** The graph of one document as saved: shorthands folded in, every step placed. */
export function versionGraph(doc: WorkflowDoc): ReadOnlyGraph {
  const prepared = prepareDocument(doc)
  return graphOf(prepared, prepared.steps)
}
