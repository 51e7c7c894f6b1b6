// The canvas floor (components/canvas): what the editor and the run view both draw with.
// Dependencies point here and never back up: editor → canvas ← runs; canvas imports neither.
//   canvas-types.ts      the workflow document as the canvas holds it, and its React Flow shapes (this file)
//   flow-document.ts     document ⇄ React Flow nodes and edges, edge kinds, positions
//   canvas-notes.ts      sticky notes as nodes, and their pure edits
//   read-only-graph.ts   a document as a read-only graph (saved versions, a run's definition)
//   read-only-canvas.tsx the read-only React Flow frame; canvas-settings.ts grid, fit, minimap colours
//   step-node-types.tsx  the slot through which a page hands step node components to a canvas
//   run-store-context.ts, step-status.ts, live-step-badge.tsx, live-status-nodes.tsx:
//                        live step statuses laid over nodes (colours, glyphs, taken edges)
//   run-status-badge.tsx a run's or step's status as a coloured label
// The step node components themselves (shell, per-type summaries, notes) live in the editor for
// now; the run page passes them in through step-node-types.tsx.
import type { Edge, Node } from '@xyflow/react'
import type { TEdgeKind } from '@/server/engine/step-common'
import type { z } from 'zod'
import type { TWorkflowDefinitionInput, TWorkflowStepInput, ZCanvasNote } from '@/server/engine/workflow-schema'

export type EdgeKind = TEdgeKind
export type StepDoc = TWorkflowStepInput
/** The document being edited. It may be invalid (the JSON view accepts any object with steps). */
export type WorkflowDoc = Omit<TWorkflowDefinitionInput, 'steps'> & { steps: StepDoc[] }

export interface XY {
  x: number
  y: number
}

export interface Size {
  width: number
  height: number
}

/** Node data is the step itself: status, selection and problems live outside it. */
export type StepNodeData = { step: StepDoc }
export type StepNode = Node<StepNodeData>
export type FlowEdge = Edge<{ kind: EdgeKind }>

/** A sticky note on the canvas (editor-only: `canvas.notes`, never run). */
export type NoteDoc = z.input<typeof ZCanvasNote>
export type NoteNodeData = { note: NoteDoc }
export type NoteNode = Node<NoteNodeData, 'note'>
export type CanvasNode = StepNode | NoteNode

export const NODE_WIDTH = 240
export const NODE_HEIGHT = 96
