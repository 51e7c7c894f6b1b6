// Types shared by the editor: the workflow document as the editor holds it, and the
// React Flow node/edge shapes derived from it.
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
