// React Flow's node and edge changes turned into editor actions: moves and note resizes (one
// undo step per drag or resize), measured step sizes, and selection.
import type { EdgeChange, NodeChange } from '@xyflow/react'
import { useCallback, useRef, type RefObject } from 'react'
import { applyNotePositions, applyNoteSizes, noteIdOf } from '@/components/canvas/canvas-notes'
import type { CanvasNode, FlowEdge, Size, WorkflowDoc } from '@/components/canvas/canvas-types'
import { applyPositions } from '@/components/canvas/flow-document'
import type { EditorActions } from './editor-state'
import { sortNodeChanges, type SortedNodeChanges } from './node-changes'

export interface CanvasSelection {
  selectedSteps: ReadonlySet<string>
  selectedEdges: ReadonlySet<string>
  selectedNotes: ReadonlySet<string>
}

type SizesChange = (change: (sizes: ReadonlyMap<string, Size>) => ReadonlyMap<string, Size>) => void

/** How a batch of moves and resizes changes the document. */
function movesOf(sorted: SortedNodeChanges): ((d: WorkflowDoc) => WorkflowDoc) | undefined {
  const { stepPositions, notePositions, noteSizes } = sorted
  if (stepPositions.size + notePositions.size + noteSizes.size === 0) return undefined
  return (d) => applyNoteSizes(applyNotePositions(applyPositions(d, stepPositions), notePositions), noteSizes)
}

/** `prev` with the measured sizes that differ from it; `prev` itself when none do. */
function withMeasured(prev: ReadonlyMap<string, Size>, measured: ReadonlyMap<string, Size>): ReadonlyMap<string, Size> {
  const changed = [...measured].filter(([id, s]) => {
    const p = prev.get(id)
    return !p || p.width !== s.width || p.height !== s.height
  })
  if (changed.length === 0) return prev
  const next = new Map(prev)
  for (const [id, s] of changed) next.set(id, { width: s.width, height: s.height })
  return next
}

/** The step and note selection after React Flow's node selection changes. */
function selectionAfter(changes: ReadonlyMap<string, boolean>, current: CanvasSelection) {
  const steps = new Set(current.selectedSteps)
  const notes = new Set(current.selectedNotes)
  for (const [nodeId, selected] of changes) {
    const noteId = noteIdOf(nodeId)
    const set = noteId === undefined ? steps : notes
    if (selected) set.add(noteId ?? nodeId)
    else set.delete(noteId ?? nodeId)
  }
  return { steps, notes }
}

/** Moves during a drag or resize are transient (one undo step when it ends); other moves are edits. */
function useMoves(actions: EditorActions) {
  const dragging = useRef(false)
  const resizing = useRef(false)
  const applyMoves = useCallback(
    (sorted: SortedNodeChanges) => {
      if (sorted.resizing === true && !resizing.current) {
        resizing.current = true
        actions.dispatch({ type: 'beginTransient' })
      }
      const change = movesOf(sorted)
      if (change) {
        if (dragging.current || resizing.current) actions.dispatch({ type: 'transient', change })
        else actions.edit(change, 'move')
      }
      if (sorted.resizing === false && resizing.current) {
        resizing.current = false
        actions.dispatch({ type: 'endTransient' })
      }
    },
    [actions],
  )
  const startDrag = useCallback(() => {
    dragging.current = true
    actions.dispatch({ type: 'beginTransient' })
  }, [actions])
  const stopDrag = useCallback(() => {
    dragging.current = false
    actions.dispatch({ type: 'endTransient' })
  }, [actions])
  return { applyMoves, startDrag, stopDrag }
}

export function useCanvasChanges(actions: EditorActions, onSizes: SizesChange, latest: RefObject<CanvasSelection>) {
  const { applyMoves, startDrag, stopDrag } = useMoves(actions)
  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const sorted = sortNodeChanges(changes)
      applyMoves(sorted)
      if (sorted.measured.size > 0) onSizes((prev) => withMeasured(prev, sorted.measured))
      if (sorted.selection.size > 0) {
        const { steps, notes } = selectionAfter(sorted.selection, latest.current)
        actions.select(steps, latest.current.selectedEdges, notes)
      }
    },
    [actions, onSizes, applyMoves, latest],
  )
  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdge>[]) => {
      let selection: Set<string> | undefined
      for (const change of changes) {
        if (change.type !== 'select') continue
        selection ??= new Set(latest.current.selectedEdges)
        if (change.selected) selection.add(change.id)
        else selection.delete(change.id)
      }
      if (selection) actions.select(latest.current.selectedSteps, selection, latest.current.selectedNotes)
    },
    [actions, latest],
  )
  return { onNodesChange, onEdgesChange, startDrag, stopDrag }
}
