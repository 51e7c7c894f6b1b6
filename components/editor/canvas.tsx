'use client'
// The editing canvas: derives step and note nodes and edges from the document, turns React
// Flow's changes (drags, resizes, selection, sizes, connections, palette drops) into edits.
import {
  Background,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  useStore,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type NodeTypes,
} from '@xyflow/react'
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react'
import { CanvasEmptyState } from './canvas-empty-state'
import {
  addNote,
  applyNotePositions,
  applyNoteSizes,
  documentToNoteNodes,
  newNote,
  noteIdOf,
  notesOf,
  removeNotes,
  setNoteText,
} from './canvas-notes'
import type { EditorActions } from './editor-state'
import type { CanvasNode, EdgeKind, FlowEdge, NoteNode, Size, StepNode, WorkflowDoc, XY } from './editor-types'
import { applyPositions, documentToEdges, documentToNodes } from './flow-document'
import { addEdge, addStep, checkConnection, newStep } from './graph-edits'
import { sortNodeChanges, type SortedNodeChanges } from './node-changes'
import { nodeTypes } from './nodes/node-types'
import { NoteEditsContext, type NoteEdits } from './nodes/note-node'
import { NOTE_ITEM, PALETTE_MIME } from './palette'

export const GRID = 16
const SNAP: [number, number] = [GRID, GRID]
const FIT_VIEW_OPTIONS = { maxZoom: 1, padding: 0.2 }
const LARGE_ZOOM = 0.75

function topLeftViewport(steps: readonly { position?: { x: number; y: number } | undefined }[]) {
  let minX = Infinity
  let minY = Infinity
  for (const step of steps) {
    minX = Math.min(minX, step.position?.x ?? 0)
    minY = Math.min(minY, step.position?.y ?? 0)
  }
  return { x: 48 - minX * LARGE_ZOOM, y: 96 - minY * LARGE_ZOOM, zoom: LARGE_ZOOM }
}
const PRO_OPTIONS = { hideAttribution: true }

const MINIMAP_COLORS: Record<string, string> = {
  command: '#2563eb',
  condition: '#9333ea',
  parallel: '#0891b2',
  wait: '#d97706',
  webhook: '#db2777',
  transform: '#059669',
  note: '#facc15',
}

export function minimapColor(node: { type?: string }): string {
  return MINIMAP_COLORS[node.type ?? ''] ?? '#6b7280'
}

/** The previous array while every element is identical to the new one's. */
function useShallowStable<T>(next: T[]): T[] {
  const [kept, setKept] = useState(next)
  const same = kept.length === next.length && kept.every((v, i) => v === next[i])
  if (!same) setKept(next)
  return same ? kept : next
}

export function snap(p: XY): XY {
  return { x: Math.round(p.x / GRID) * GRID, y: Math.round(p.y / GRID) * GRID }
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

/** How a batch of moves and resizes changes the document. */
function movesOf(sorted: SortedNodeChanges): ((d: WorkflowDoc) => WorkflowDoc) | undefined {
  const { stepPositions, notePositions, noteSizes } = sorted
  if (stepPositions.size + notePositions.size + noteSizes.size === 0) return undefined
  return (d) => applyNoteSizes(applyNotePositions(applyPositions(d, stepPositions), notePositions), noteSizes)
}

export function EditorCanvas(props: CanvasProps) {
  const { doc, selectedSteps, selectedEdges, selectedNotes, sizes, onSizes, actions, onRefused, onAddStep } = props
  const { screenToFlowPosition } = useReactFlow()
  const nodeCache = useRef(new Map<string, StepNode>())
  const noteCache = useRef(new Map<string, NoteNode>())
  const edgeCache = useRef(new Map<string, FlowEdge>())
  const latest = useRef({ doc, selectedSteps, selectedEdges, selectedNotes })
  useEffect(() => {
    latest.current = { doc, selectedSteps, selectedEdges, selectedNotes }
  })
  const dragging = useRef(false)
  const resizing = useRef(false)
  const refusal = useRef<string | null>(null)
  const [hint, setHint] = useState<string | null>(null)

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

  const noteEdits = useMemo<NoteEdits>(
    () => ({
      readOnly: false,
      setText: (id, text) => actions.edit((d) => setNoteText(d, id, text), `note:${id}:text`),
      remove: (id) => actions.edit((d) => removeNotes(d, new Set([id])), undefined, [], []),
      endTyping: actions.breakCoalescing,
    }),
    [actions],
  )

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const sorted = sortNodeChanges(changes)
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
      if (sorted.measured.size > 0) {
        onSizes((prev) => {
          const changed = [...sorted.measured].filter(([id, s]) => {
            const p = prev.get(id)
            return !p || p.width !== s.width || p.height !== s.height
          })
          if (changed.length === 0) return prev
          const next = new Map(prev)
          for (const [id, s] of changed) next.set(id, { width: s.width, height: s.height })
          return next
        })
      }
      if (sorted.selection.size > 0) {
        const steps = new Set(latest.current.selectedSteps)
        const notes = new Set(latest.current.selectedNotes)
        for (const [nodeId, selected] of sorted.selection) {
          const noteId = noteIdOf(nodeId)
          const set = noteId === undefined ? steps : notes
          if (selected) set.add(noteId ?? nodeId)
          else set.delete(noteId ?? nodeId)
        }
        actions.select(steps, latest.current.selectedEdges, notes)
      }
    },
    [actions, onSizes],
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

  const isValidConnection = useCallback((connection: Connection | Edge) => {
    const kind = connection.sourceHandle ?? 'success'
    const check = checkConnection(latest.current.doc, connection.source, connection.target, kind)
    refusal.current = check.ok ? null : check.reason
    setHint(refusal.current)
    return check.ok
  }, [])

  const onConnect = useCallback(
    (connection: Connection) => {
      const kind = (connection.sourceHandle ?? 'success') as EdgeKind
      const edge = { from: connection.source, to: connection.target, kind }
      if (!checkConnection(latest.current.doc, edge.from, edge.to, kind).ok) return
      actions.edit((d) => addEdge(d, edge))
    },
    [actions],
  )

  const onConnectStart = useCallback(() => {
    refusal.current = null
    setHint(null)
  }, [])

  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (!state.isValid && state.toNode && refusal.current) onRefused(refusal.current)
      refusal.current = null
      setHint(null)
    },
    [onRefused],
  )

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
    [actions, screenToFlowPosition],
  )

  const large = doc.steps.length > 150
  // A large workflow opens at a readable zoom on its top-left corner instead of shrunk to fit:
  // only the nodes on screen are rendered (onlyRenderVisibleElements), which keeps opening fast.
  const [largeViewport] = useState(() => (large ? topLeftViewport(doc.steps) : undefined))
  // Far out, labels and parameters are unreadable anyway; hiding them keeps painting cheap.
  const zoomedOut = useStore((s) => s.transform[2] < 0.45)
  return (
    <div className={`editor-canvas${zoomedOut ? ' is-zoomed-out' : ''}`} onDragOver={onDragOver} onDrop={onDrop}>
      <NoteEditsContext.Provider value={noteEdits}>
      <ReactFlow<CanvasNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={props.nodeTypes ?? nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStart={startDrag}
        onNodeDragStop={stopDrag}
        onSelectionDragStart={startDrag}
        onSelectionDragStop={stopDrag}
        isValidConnection={isValidConnection}
        onConnect={onConnect}
        onConnectStart={onConnectStart}
        onConnectEnd={onConnectEnd}
        deleteKeyCode={null}
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        snapToGrid
        snapGrid={SNAP}
        fitView={!largeViewport}
        fitViewOptions={FIT_VIEW_OPTIONS}
        defaultViewport={largeViewport}
        minZoom={0.1}
        onlyRenderVisibleElements={large}
        proOptions={PRO_OPTIONS}
        aria-label="Workflow canvas"
      >
        <Background gap={GRID} />
        <Controls aria-label="Zoom controls" />
        {large ? null : <MiniMap pannable zoomable nodeColor={minimapColor} ariaLabel="Mini map" />}
        {hint ? (
          <Panel position="top-center">
            <div className="connect-hint" role="status" aria-label="Connection refused">
              {hint}
            </div>
          </Panel>
        ) : null}
      </ReactFlow>
      </NoteEditsContext.Provider>
      {doc.steps.length === 0 ? <CanvasEmptyState onAddStep={onAddStep} /> : null}
    </div>
  )
}
