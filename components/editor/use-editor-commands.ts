// The editor's commands (add a step or note, delete, duplicate, copy/paste, layout, focus),
// shared by the toolbar, the palette, the keyboard shortcuts and the problems list.
import { useReactFlow } from '@xyflow/react'
import { useMemo } from 'react'
import { layoutSteps } from './auto-layout'
import { snap } from '@/components/canvas/canvas-settings'
import { NOTE_SIZE, addNote, newNote, notesOf, removeNotes } from '@/components/canvas/canvas-notes'
import type { EditorActions, EditorState } from './editor-state'
import { NODE_HEIGHT, NODE_WIDTH, type Size, type WorkflowDoc, type XY } from '@/components/canvas/canvas-types'
import { applyPositions, selectedDocEdges } from '@/components/canvas/flow-document'
import { addStep, newStep, removeEdges, removeSteps } from './graph-edits'
import { copySteps, parseClipboard, pasteSteps } from './step-clipboard'

/** The first spot at or below `at` where a new node does not cover a step or a note. */
function freeSpot(doc: WorkflowDoc, at: XY, sizes: ReadonlyMap<string, Size>): XY {
  let spot = snap(at)
  const boxes = [
    ...doc.steps.flatMap((s) => (s.position ? [{ ...s.position, ...(sizes.get(s.id) ?? { width: NODE_WIDTH, height: NODE_HEIGHT }) }] : [])),
    ...notesOf(doc).map((n) => ({ ...n.position, width: n.width ?? NOTE_SIZE.width, height: n.height ?? NOTE_SIZE.height })),
  ]
  for (let i = 0; i < 100; i++) {
    const covered = boxes.some(
      (b) => Math.abs(b.x - spot.x) < b.width + 20 && spot.y > b.y - NODE_HEIGHT - 40 && spot.y < b.y + b.height + 20,
    )
    if (!covered) break
    spot = { x: spot.x, y: spot.y + 64 }
  }
  return spot
}

type Notify = (text: string, tone?: 'info' | 'error') => void
type Flow = ReturnType<typeof useReactFlow>
type Selection = Pick<EditorState, 'selectedSteps' | 'selectedEdges' | 'selectedNotes'>

/** Commands that change the document: add, remove, duplicate, copy and paste, select all. */
function documentCommands(
  doc: WorkflowDoc,
  state: Selection,
  actions: EditorActions,
  viewCenter: () => XY,
  sizes: ReadonlyMap<string, Size>,
  notify: Notify,
) {
  const selected = state.selectedSteps
  return {
    add: (type: string) => {
      const c = viewCenter()
      const step = newStep(doc, type, freeSpot(doc, { x: c.x - 120, y: c.y - 40 }, sizes))
      if (step) actions.edit((d) => addStep(d, step), undefined, [step.id])
    },
    addNote: () => {
      const c = viewCenter()
      const note = newNote(doc, snap({ x: c.x - NOTE_SIZE.width / 2, y: c.y - NOTE_SIZE.height / 2 }))
      actions.edit((d) => addNote(d, note), undefined, [], [note.id])
    },
    remove: () => {
      const edges = selectedDocEdges(doc, state.selectedEdges)
      const notes = state.selectedNotes
      if (selected.size === 0 && edges.length === 0 && notes.size === 0) return
      actions.edit((d) => removeNotes(removeSteps(removeEdges(d, edges), selected), notes), undefined, [], [])
    },
    duplicate: () => {
      if (selected.size === 0) return
      const steps = doc.steps.filter((s) => selected.has(s.id))
      const pasted = pasteSteps(doc, steps)
      actions.edit(() => pasted.doc, undefined, pasted.ids)
    },
    copy: (): string | undefined => {
      return selected.size > 0 ? copySteps(doc, selected) : undefined
    },
    paste: (text: string) => {
      const parsed = parseClipboard(text)
      if (!parsed.ok) return notify(parsed.reason, 'error')
      const pasted = pasteSteps(doc, parsed.steps)
      actions.edit(() => pasted.doc, undefined, pasted.ids)
      notify(`Pasted ${pasted.ids.length} step${pasted.ids.length === 1 ? '' : 's'}.`)
    },
    selectAll: () => {
      actions.select(doc.steps.map((s) => s.id))
    },
  }
}

/** Commands that arrange or move the view: auto-layout, fit, focus a step. */
function viewCommands(doc: WorkflowDoc, actions: EditorActions, flow: Flow, sizes: ReadonlyMap<string, Size>) {
  return {
    layout: async () => {
      const positions = await layoutSteps(doc.steps, sizes)
      actions.edit((d) => applyPositions(d, positions))
      window.requestAnimationFrame(() => void flow.fitView({ maxZoom: 1, padding: 0.2, duration: 200 }))
    },
    fitView: () => {
      void flow.fitView({ maxZoom: 1, padding: 0.2, duration: 200 })
    },
    focus: (stepId: string) => {
      actions.select([stepId])
      const node = flow.getNode(stepId)
      if (!node) return
      const size = sizes.get(stepId) ?? { width: 240, height: 96 }
      const zoom = Math.max(flow.getZoom(), 0.8)
      void flow.setCenter(node.position.x + size.width / 2, node.position.y + size.height / 2, { zoom, duration: 250 })
    },
  }
}

export function useEditorCommands(
  state: EditorState,
  actions: EditorActions,
  sizes: ReadonlyMap<string, Size>,
  notify: Notify,
) {
  const flow = useReactFlow()
  const doc = state.history.present
  const { selectedEdges, selectedSteps, selectedNotes } = state
  return useMemo(() => {
    const viewCenter = (): XY => {
      const box = document.querySelector('.editor-canvas')?.getBoundingClientRect()
      if (!box) return { x: 0, y: 0 }
      return flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 })
    }
    const selection = { selectedEdges, selectedSteps, selectedNotes }
    return {
      ...documentCommands(doc, selection, actions, viewCenter, sizes, notify),
      ...viewCommands(doc, actions, flow, sizes),
    }
  }, [doc, selectedEdges, selectedSteps, selectedNotes, actions, sizes, flow, notify])
}
