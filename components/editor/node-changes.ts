// Sorts React Flow's node changes into what the editor does with them: step and note moves,
// note resizes (with whether a resize is under way or ended), measured sizes and selection.
import type { NodeChange } from '@xyflow/react'
import { noteIdOf } from '@/components/canvas/canvas-notes'
import type { CanvasNode, Size, XY } from '@/components/canvas/canvas-types'

export interface SortedNodeChanges {
  stepPositions: Map<string, XY>
  notePositions: Map<string, XY>
  noteSizes: Map<string, Size>
  /** true while a note resizer is dragged, false when it is let go, undefined otherwise. */
  resizing: boolean | undefined
  /** Rendered sizes of steps (for layout and placing new steps). */
  measured: Map<string, Size>
  /** Node id → selected, for every node whose selection changed. */
  selection: Map<string, boolean>
}

export function sortNodeChanges(changes: readonly NodeChange<CanvasNode>[]): SortedNodeChanges {
  const out: SortedNodeChanges = {
    stepPositions: new Map(),
    notePositions: new Map(),
    noteSizes: new Map(),
    resizing: undefined,
    measured: new Map(),
    selection: new Map(),
  }
  for (const change of changes) {
    if (change.type === 'select') {
      out.selection.set(change.id, change.selected)
      continue
    }
    if (change.type !== 'position' && change.type !== 'dimensions') continue
    const noteId = noteIdOf(change.id)
    if (change.type === 'position') {
      if (change.position)
        (noteId ? out.notePositions : out.stepPositions).set(noteId ?? change.id, change.position)
    } else if (noteId) {
      // Only a resizer's changes resize a note; plain measurements of a note are not edits.
      if (change.resizing !== undefined) out.resizing = change.resizing
      if (change.resizing && change.setAttributes && change.dimensions)
        out.noteSizes.set(noteId, change.dimensions)
    } else if (change.dimensions) {
      out.measured.set(change.id, change.dimensions)
    }
  }
  return out
}
