// The editing canvas's nodes and edges, derived from the document. Caches keep unchanged node
// and edge objects identical, so React Flow re-renders only what changed.
import { useMemo, useRef, useState } from 'react'
import { documentToNoteNodes, notesOf } from '@/components/canvas/canvas-notes'
import type { CanvasNode, FlowEdge, NoteNode, Size, StepNode, WorkflowDoc } from '@/components/canvas/canvas-types'
import { documentToEdges, documentToNodes } from '@/components/canvas/flow-document'

/** The previous array while every element is identical to the new one's. */
function useShallowStable<T>(next: T[]): T[] {
  const [kept, setKept] = useState(next)
  const same = kept.length === next.length && kept.every((v, i) => v === next[i])
  if (!same) setKept(next)
  return same ? kept : next
}

export function useCanvasElements(
  doc: WorkflowDoc,
  selected: { steps: ReadonlySet<string>; edges: ReadonlySet<string>; notes: ReadonlySet<string> },
  sizes: ReadonlyMap<string, Size>,
): { nodes: CanvasNode[]; edges: FlowEdge[] } {
  const nodeCache = useRef(new Map<string, StepNode>())
  const noteCache = useRef(new Map<string, NoteNode>())
  const edgeCache = useRef(new Map<string, FlowEdge>())
  const { steps: selectedSteps, edges: selectedEdges, notes: selectedNotes } = selected
  // eslint-disable-next-line react-hooks/refs -- the caches only keep unchanged objects identical
  const stepNodes = useMemo(() => documentToNodes(doc.steps, selectedSteps, sizes, nodeCache.current), [doc.steps, selectedSteps, sizes])
  const canvas = doc.canvas
  // eslint-disable-next-line react-hooks/refs -- as above
  const noteNodes = useMemo(() => documentToNoteNodes(notesOf({ canvas }), selectedNotes, noteCache.current), [canvas, selectedNotes])
  // Notes first, so steps are drawn over them.
  const nodes = useMemo<CanvasNode[]>(() => [...noteNodes, ...stepNodes], [noteNodes, stepNodes])
  // Dragging changes positions only: keep the edge array identical while no dependencies change.
  const dependencyLists = useShallowStable(doc.steps.map((s) => s.dependencies))
  // eslint-disable-next-line react-hooks/refs, react-hooks/exhaustive-deps -- as above; dependencyLists stands for doc.steps' edges
  const edges = useMemo(() => documentToEdges(doc.steps, selectedEdges, edgeCache.current), [dependencyLists, selectedEdges])
  return { nodes, edges }
}
