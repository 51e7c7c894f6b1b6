'use client'
// The editing canvas: derives step and note nodes and edges from the document, turns React
// Flow's changes (drags, resizes, selection, sizes, connections, palette drops) into edits.
import { Background, Controls, MiniMap, Panel, ReactFlow, useStore, type NodeTypes } from '@xyflow/react'
import { useMemo, useState } from 'react'
import { FIT_VIEW_OPTIONS, GRID, MIN_ZOOM, PRO_OPTIONS, minimapColor } from '@/components/canvas/canvas-settings'
import { removeNotes, setNoteText } from '@/components/canvas/canvas-notes'
import type { CanvasNode, FlowEdge, Size, WorkflowDoc } from '@/components/canvas/canvas-types'
import { CanvasEmptyState } from './canvas-empty-state'
import type { EditorActions } from './editor-state'
import { nodeTypes } from './nodes/node-types'
import { NoteEditsContext, type NoteEdits } from './nodes/note-node'
import { useCanvasChanges } from './use-canvas-changes'
import { useCanvasElements } from './use-canvas-elements'
import { useConnections } from './use-connections'
import { useLatest } from '@/components/ui/use-latest'
import { usePaletteDrop } from './use-palette-drop'

const SNAP: [number, number] = [GRID, GRID]
const LARGE_ZOOM = 0.75
const MULTI_SELECT_KEYS = ['Meta', 'Control', 'Shift']

function topLeftViewport(steps: readonly { position?: { x: number; y: number } | undefined }[]) {
  let minX = Infinity
  let minY = Infinity
  for (const step of steps) {
    minX = Math.min(minX, step.position?.x ?? 0)
    minY = Math.min(minY, step.position?.y ?? 0)
  }
  return { x: 48 - minX * LARGE_ZOOM, y: 96 - minY * LARGE_ZOOM, zoom: LARGE_ZOOM }
}

/**
 * A large workflow opens at a readable zoom on its top-left corner instead of shrunk to fit:
 * only the nodes on screen are rendered (onlyRenderVisibleElements), which keeps opening fast.
 */
function useOpeningViewport(doc: WorkflowDoc) {
  const large = doc.steps.length > 150
  const [largeViewport] = useState(() => (large ? topLeftViewport(doc.steps) : undefined))
  return { large, largeViewport }
}

function useNoteEdits(actions: EditorActions): NoteEdits {
  return useMemo<NoteEdits>(
    () => ({
      readOnly: false,
      setText: (id, text) => actions.edit((d) => setNoteText(d, id, text), `note:${id}:text`),
      remove: (id) => actions.edit((d) => removeNotes(d, new Set([id])), undefined, [], []),
      endTyping: actions.breakCoalescing,
    }),
    [actions],
  )
}

function ConnectionHint({ hint }: { hint: string | null }) {
  if (!hint) return null
  return (
    <Panel position="top-center">
      <div className="connect-hint" role="status" aria-label="Connection refused">
        {hint}
      </div>
    </Panel>
  )
}

export interface CanvasProps {
  doc: WorkflowDoc
  selectedSteps: ReadonlySet<string>
  selectedEdges: ReadonlySet<string>
  selectedNotes: ReadonlySet<string>
  sizes: ReadonlyMap<string, Size>
  onSizes: (change: (sizes: ReadonlyMap<string, Size>) => ReadonlyMap<string, Size>) => void
  actions: EditorActions
  onRefused: (reason: string) => void
  onAddStep: (type: string) => void
  /** Replaces the editor's node types, e.g. with ones that lay the last run's statuses over steps. */
  nodeTypes?: NodeTypes
}

export function EditorCanvas(props: CanvasProps) {
  const { doc, selectedSteps, selectedEdges, selectedNotes, actions } = props
  const latest = useLatest({ doc, selectedSteps, selectedEdges, selectedNotes })
  const selected = useMemo(
    () => ({ steps: selectedSteps, edges: selectedEdges, notes: selectedNotes }),
    [selectedSteps, selectedEdges, selectedNotes],
  )
  const { nodes, edges } = useCanvasElements(doc, selected, props.sizes)
  const changes = useCanvasChanges(actions, props.onSizes, latest)
  const { hint, ...connections } = useConnections(actions, props.onRefused, latest)
  const drop = usePaletteDrop(actions, latest)
  const noteEdits = useNoteEdits(actions)
  const { large, largeViewport } = useOpeningViewport(doc)
  // Far out, labels and parameters are unreadable anyway; hiding them keeps painting cheap.
  const zoomedOut = useStore((s) => s.transform[2] < 0.45)
  return (
    <div className={`editor-canvas${zoomedOut ? ' is-zoomed-out' : ''}`} {...drop}>
      <NoteEditsContext.Provider value={noteEdits}>
        <ReactFlow<CanvasNode, FlowEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={props.nodeTypes ?? nodeTypes}
          onNodesChange={changes.onNodesChange}
          onEdgesChange={changes.onEdgesChange}
          onNodeDragStart={changes.startDrag}
          onNodeDragStop={changes.stopDrag}
          onSelectionDragStart={changes.startDrag}
          onSelectionDragStop={changes.stopDrag}
          {...connections}
          deleteKeyCode={null}
          multiSelectionKeyCode={MULTI_SELECT_KEYS}
          snapToGrid
          snapGrid={SNAP}
          fitView={!largeViewport}
          fitViewOptions={FIT_VIEW_OPTIONS}
          defaultViewport={largeViewport}
          minZoom={MIN_ZOOM}
          onlyRenderVisibleElements={large}
          proOptions={PRO_OPTIONS}
          aria-label="Workflow canvas"
        >
          <Background gap={GRID} />
          <Controls aria-label="Zoom controls" />
          {large ? null : <MiniMap pannable zoomable nodeColor={minimapColor} ariaLabel="Mini map" />}
          <ConnectionHint hint={hint} />
        </ReactFlow>
      </NoteEditsContext.Provider>
      {doc.steps.length === 0 ? <CanvasEmptyState onAddStep={props.onAddStep} /> : null}
    </div>
  )
}
