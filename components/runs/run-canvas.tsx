'use client'
// The run view's canvas: the run's own definition, read-only, with live step statuses from the
// RunStatusStore (through context, never through node data). Clicking a node, or Enter on a
// focused one, opens the step inspector.
import { Background, Controls, ReactFlow, ReactFlowProvider, useReactFlow, type NodeChange } from '@xyflow/react'
import { useEffect, useMemo, useRef } from 'react'
import type { StepNode, FlowEdge } from '@/components/editor/editor-types'
import type { RunStatusStore } from '@/components/live/run-status-store'
import { runEdgeTypes } from './run-edge'
import { runGraph, withSelection } from './run-graph'
import { runNodeTypes } from './run-step-node'
import { RunStoreContext } from './run-store-context'
import styles from './run-canvas.module.css'

const FIT_VIEW_OPTIONS = { maxZoom: 1, padding: 0.25 }
const PRO_OPTIONS = { hideAttribution: true }

/** Fits the graph again when the inspector opens or closes, since the canvas changes width. */
function RefitOnPanelToggle({ isPanelOpen }: { isPanelOpen: boolean }) {
  const { fitView } = useReactFlow()
  const previous = useRef(isPanelOpen)
  useEffect(() => {
    if (previous.current === isPanelOpen) return
    previous.current = isPanelOpen
    const frame = requestAnimationFrame(() => void fitView(FIT_VIEW_OPTIONS))
    return () => cancelAnimationFrame(frame)
  }, [isPanelOpen, fitView])
  return null
}

export function RunCanvas(props: {
  definition: unknown
  store: RunStatusStore
  selectedStepId: string | null
  onSelectStep: (stepId: string) => void
}) {
  const { onSelectStep } = props
  const graph = useMemo(() => runGraph(props.definition), [props.definition])
  const nodes = useMemo(() => withSelection(graph.nodes, props.selectedStepId), [graph, props.selectedStepId])
  const onNodesChange = (changes: NodeChange<StepNode>[]) => {
    for (const change of changes) if (change.type === 'select' && change.selected) onSelectStep(change.id)
  }
  return (
    <RunStoreContext.Provider value={props.store}>
      <div className={`editor-canvas is-readonly ${styles.canvas}`}>
        <ReactFlowProvider>
          <ReactFlow<StepNode, FlowEdge>
            nodes={nodes}
            edges={graph.edges}
            nodeTypes={runNodeTypes}
            edgeTypes={runEdgeTypes}
            onNodesChange={onNodesChange}
            onNodeClick={(_, node) => onSelectStep(node.id)}
            nodesDraggable={false}
            nodesConnectable={false}
            edgesFocusable={false}
            fitView
            fitViewOptions={FIT_VIEW_OPTIONS}
            minZoom={0.1}
            proOptions={PRO_OPTIONS}
            aria-label="Run canvas"
          >
            <Background gap={16} />
            <Controls showInteractive={false} />
            <RefitOnPanelToggle isPanelOpen={props.selectedStepId !== null} />
          </ReactFlow>
        </ReactFlowProvider>
      </div>
    </RunStoreContext.Provider>
  )
}
