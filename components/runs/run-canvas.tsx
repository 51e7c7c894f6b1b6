'use client'
// The run view's canvas: the run's own definition, read-only, with live step statuses from the
// RunStatusStore (through context, never through node data). Clicking a node, or Enter on a
// focused one, opens the step inspector.
import { useReactFlow, type NodeChange } from '@xyflow/react'
import { useEffect, useMemo, useRef } from 'react'
import type { StepNode, FlowEdge } from '@/components/canvas/canvas-types'
import { runNodeTypesOf } from '@/components/canvas/live-status-nodes'
import { ReadOnlyCanvas } from '@/components/canvas/read-only-canvas'
import { RunStoreContext } from '@/components/canvas/run-store-context'
import { useStepNodeTypes } from '@/components/canvas/step-node-types'
import type { RunStatusStore } from '@/components/live/run-status-store'
import { runEdgeTypes } from './run-edge'
import { runGraph, withSelection } from './run-graph'
import styles from './runs.module.css'

const FIT_VIEW_OPTIONS = { maxZoom: 1, padding: 0.25 }

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
  const stepNodeTypes = useStepNodeTypes()
  const nodeTypes = useMemo(() => runNodeTypesOf(stepNodeTypes), [stepNodeTypes])
  const graph = useMemo(() => runGraph(props.definition), [props.definition])
  const nodes = useMemo(() => withSelection(graph.nodes, props.selectedStepId), [graph, props.selectedStepId])
  const onNodesChange = (changes: NodeChange<StepNode>[]) => {
    for (const change of changes) if (change.type === 'select' && change.selected) onSelectStep(change.id)
  }
  return (
    <RunStoreContext.Provider value={props.store}>
      <ReadOnlyCanvas<StepNode, FlowEdge>
        className={styles.runCanvas}
        nodes={nodes}
        edges={graph.edges}
        nodeTypes={nodeTypes}
        edgeTypes={runEdgeTypes}
        onNodesChange={onNodesChange}
        onNodeClick={(_, node) => onSelectStep(node.id)}
        edgesFocusable={false}
        fitViewOptions={FIT_VIEW_OPTIONS}
        aria-label="Run canvas"
      >
        <RefitOnPanelToggle isPanelOpen={props.selectedStepId !== null} />
      </ReadOnlyCanvas>
    </RunStoreContext.Provider>
  )
}
