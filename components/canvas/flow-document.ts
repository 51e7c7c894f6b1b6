// Conversion between the workflow document and React Flow nodes/edges, both ways. Pure:
// the editor keeps the document as its one source of truth and derives the canvas from it.
// Edges are stored canonically as `dependencies` on the target step ("id" for success,
// { step, on } otherwise); onSuccess/onFailure shorthands are folded in on load.
import type { MarkerType } from '@xyflow/react'
import { EDGE_KINDS, type TDependency } from '@/server/engine/step-common'
import { isStepType } from '@/steps/registry'
import { buildGraph, topologicalOrder, type GraphStep } from '@/server/engine/workflow-graph'
import {
  NODE_HEIGHT,
  NODE_WIDTH,
  type EdgeKind,
  type FlowEdge,
  type Size,
  type StepDoc,
  type StepNode,
  type WorkflowDoc,
  type XY,
} from './canvas-types'

export interface DocEdge {
  from: string
  to: string
  kind: EdgeKind
}

const KINDS: ReadonlySet<string> = new Set(EDGE_KINDS)

/** Reads one dependency entry leniently: malformed entries (from the JSON view) yield undefined. */
export function readDependency(dep: unknown): { from: string; kind: EdgeKind } | undefined {
  if (typeof dep === 'string') return { from: dep, kind: 'success' }
  if (typeof dep !== 'object' || dep === null) return undefined
  const { step, on } = dep as { step?: unknown; on?: unknown }
  if (typeof step !== 'string' || typeof on !== 'string' || !KINDS.has(on)) return undefined
  return { from: step, kind: on as EdgeKind }
}

export function toDependency(from: string, kind: EdgeKind): TDependency {
  return kind === 'success' ? from : { step: from, on: kind }
}

export function edgeId(edge: DocEdge): string {
  return `${edge.from}->${edge.to}:${edge.kind}`
}

function dependenciesOf(step: StepDoc): unknown[] {
  return Array.isArray(step.dependencies) ? (step.dependencies) : []
}

/** Every edge of the document, in step then dependency order. */
export function documentEdges(steps: readonly StepDoc[]): DocEdge[] {
  const out: DocEdge[] = []
  for (const step of steps) {
    for (const dep of dependenciesOf(step)) {
      const read = readDependency(dep)
      if (read) out.push({ from: read.from, to: step.id, kind: read.kind })
    }
  }
  return out
}

/** The steps as the engine's graph sees them (malformed dependencies dropped). */
export function graphSteps(steps: readonly StepDoc[]): GraphStep[] {
  return steps.map((step) => ({
    id: step.id,
    type: step.type,
    dependencies: dependenciesOf(step).flatMap((dep) => {
      const read = readDependency(dep)
      return read ? [toDependency(read.from, read.kind)] : []
    }),
  }))
}

export function nodeType(step: StepDoc): string {
  return isStepType(step.type) ? step.type : 'unknown'
}

function stepPosition(step: StepDoc, index: number): XY {
  const p = step.position
  if (p && Number.isFinite(p.x) && Number.isFinite(p.y)) return { x: p.x, y: p.y }
  return { x: 0, y: index * (NODE_HEIGHT + 40) }
}

export function stepToNode(step: StepDoc, index: number, selected: boolean, measured?: Size): StepNode {
  const node: StepNode = {
    id: step.id,
    type: nodeType(step),
    position: stepPosition(step, index),
    data: { step },
    selected,
  }
  if (measured) node.measured = measured
  return node
}

/**
 * Nodes for the steps. `cache` (id → last node) keeps node objects identical when their step,
 * selection and size are unchanged, so React Flow re-renders only what changed.
 */
export function documentToNodes(
  steps: readonly StepDoc[],
  selected: ReadonlySet<string>,
  sizes: ReadonlyMap<string, Size>,
  cache: Map<string, StepNode>,
): StepNode[] {
  const seen = new Set<string>()
  const nodes = steps.map((step, index) => {
    seen.add(step.id)
    const isSelected = selected.has(step.id)
    const size = sizes.get(step.id)
    const prev = cache.get(step.id)
    if (prev && prev.data.step === step && prev.selected === isSelected && prev.measured === size) return prev
    const node = stepToNode(step, index, isSelected, size)
    cache.set(step.id, node)
    return node
  })
  for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id)
  return nodes
}

export function docEdgeToFlow(edge: DocEdge, selected: boolean): FlowEdge {
  return {
    id: edgeId(edge),
    source: edge.from,
    target: edge.to,
    sourceHandle: edge.kind,
    targetHandle: 'in',
    label: edge.kind,
    className: `edge-${edge.kind}`,
    data: { kind: edge.kind },
    selected,
    markerEnd: { type: 'arrowclosed' as unknown as MarkerType, width: 18, height: 18 },
  }
}

/** Edges for the document; only edges whose both ends exist are drawn. Cached like nodes. */
export function documentToEdges(
  steps: readonly StepDoc[],
  selected: ReadonlySet<string>,
  cache: Map<string, FlowEdge>,
): FlowEdge[] {
  const ids = new Set(steps.map((s) => s.id))
  const seen = new Set<string>()
  const out: FlowEdge[] = []
  for (const edge of documentEdges(steps)) {
    const id = edgeId(edge)
    if (!ids.has(edge.from) || edge.from === edge.to || seen.has(id)) continue
    seen.add(id)
    const isSelected = selected.has(id)
    const prev = cache.get(id)
    const next = prev && prev.selected === isSelected ? prev : docEdgeToFlow(edge, isSelected)
    cache.set(id, next)
    out.push(next)
  }
  for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id)
  return out
}

/** Edges of the document that the canvas selection names (edge ids are `from->to:kind`). */
export function selectedDocEdges(doc: WorkflowDoc, edgeIds: ReadonlySet<string>): DocEdge[] {
  return documentEdges(doc.steps).filter((edge) => edgeIds.has(edgeId(edge)))
}

/** Moves steps to new positions; other steps keep their identity. */
export function applyPositions(doc: WorkflowDoc, positions: ReadonlyMap<string, XY>): WorkflowDoc {
  if (positions.size === 0) return doc
  let changed = false
  const steps = doc.steps.map((step) => {
    const p = positions.get(step.id)
    if (!p || (step.position?.x === p.x && step.position?.y === p.y)) return step
    changed = true
    return { ...step, position: { x: Math.round(p.x), y: Math.round(p.y) } }
  })
  return changed ? { ...doc, steps } : doc
}

/**
 * The document the canvas shows: node positions and edges written back onto `doc`'s steps.
 * Each step's dependencies are rebuilt from the edges into it, in canonical form.
 */
export function flowToDocument(
  doc: WorkflowDoc,
  nodes: readonly { id: string; position: XY }[],
  edges: readonly { source: string; target: string; sourceHandle?: string | null }[],
): WorkflowDoc {
  const incoming = new Map<string, TDependency[]>()
  for (const edge of edges) {
    const kind = (edge.sourceHandle && KINDS.has(edge.sourceHandle) ? edge.sourceHandle : 'success') as EdgeKind
    const list = incoming.get(edge.target) ?? []
    list.push(toDependency(edge.source, kind))
    incoming.set(edge.target, list)
  }
  const moved = applyPositions(doc, new Map(nodes.map((n) => [n.id, n.position])))
  const steps = moved.steps.map((step) => {
    const deps = incoming.get(step.id) ?? []
    const { dependencies: _old, onSuccess: _s, onFailure: _f, ...rest } = step
    return (deps.length > 0 ? { ...rest, dependencies: deps } : rest)
  })
  return { ...moved, steps }
}

/** Folds onSuccess / onFailure shorthands into the targets' dependencies. Returns `doc` when there are none. */
export function normalizeEdges(doc: WorkflowDoc): WorkflowDoc {
  if (!doc.steps.some((s) => s.onSuccess !== undefined || s.onFailure !== undefined)) return doc
  const extra = new Map<string, TDependency[]>()
  const add = (to: string, dep: TDependency) => extra.set(to, [...(extra.get(to) ?? []), dep])
  for (const step of doc.steps) {
    for (const to of [step.onSuccess ?? []].flat()) add(to, step.id)
    for (const to of [step.onFailure ?? []].flat()) add(to, { step: step.id, on: 'failure' })
  }
  const steps = doc.steps.map((step) => {
    const { onSuccess: _s, onFailure: _f, ...rest } = step
    const more = extra.get(step.id) ?? []
    const existing = dependenciesOf(step) as TDependency[]
    const have = new Set(existing.map((d) => JSON.stringify(d)))
    const merged = [...existing, ...more.filter((d) => !have.has(JSON.stringify(d)))]
    return (merged.length > 0 ? { ...rest, dependencies: merged } : rest)
  })
  return { ...doc, steps }
}

/** Gives steps without a position one: columns by depth in the graph, rows in document order. */
export function fillMissingPositions(doc: WorkflowDoc): WorkflowDoc {
  if (doc.steps.every((s) => s.position)) return doc
  const graph = buildGraph({ steps: graphSteps(doc.steps) })
  const rank = new Map<string, number>()
  const { order, blocked } = topologicalOrder(graph)
  for (const id of [...order, ...blocked]) {
    const preds = graph.incoming.get(id) ?? []
    rank.set(id, Math.max(0, ...preds.map((e) => (rank.get(e.from) ?? -1) + 1)))
  }
  const rowsUsed = new Map<number, number>()
  const steps = doc.steps.map((step) => {
    if (step.position) return step
    const column = rank.get(step.id) ?? 0
    const row = rowsUsed.get(column) ?? 0
    rowsUsed.set(column, row + 1)
    return { ...step, position: { x: column * (NODE_WIDTH + 80), y: row * (NODE_HEIGHT + 60) } }
  })
  return { ...doc, steps }
}

/** The editor's starting document: shorthands folded into dependencies, every step placed. */
export function prepareDocument(doc: WorkflowDoc): WorkflowDoc {
  return fillMissingPositions(normalizeEdges(doc))
}
