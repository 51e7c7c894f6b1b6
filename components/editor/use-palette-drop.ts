// Dropping a palette item on the canvas: a new step or note where it was let go, on the grid.
import { useReactFlow } from '@xyflow/react'
import { useCallback, type DragEvent, type RefObject } from 'react'
import { snap } from '@/components/canvas/canvas-settings'
import { addNote, newNote } from '@/components/canvas/canvas-notes'
import type { WorkflowDoc } from '@/components/canvas/canvas-types'
import type { EditorActions } from './editor-state'
import { addStep, newStep } from './graph-edits'
import { NOTE_ITEM, PALETTE_MIME } from './palette'

export function usePaletteDrop(actions: EditorActions, latest: RefObject<{ doc: WorkflowDoc }>) {
  const { screenToFlowPosition } = useReactFlow()

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return
    event.preventDefault()
    event.dataTransfer.dropEffect = 'copy'
  }, [])

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_MIME)
      if (!type) return
      event.preventDefault()
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY })
      if (type === NOTE_ITEM) {
        const note = newNote(latest.current.doc, snap({ x: at.x - 110, y: at.y - 70 }))
        return actions.edit((d) => addNote(d, note), undefined, [], [note.id])
      }
      const step = newStep(latest.current.doc, type, snap({ x: at.x - 120, y: at.y - 30 }))
      if (step) actions.edit((d) => addStep(d, step), undefined, [step.id])
    },
    [actions, latest, screenToFlowPosition],
  )

  return { onDragOver, onDrop }
}
