// The run's own workflow definition as a read-only React Flow graph: the step nodes (notes
// left out) and edges of the `run` type, which light up as the run takes them.
import type { StepNode, FlowEdge, WorkflowDoc } from '@/components/canvas/canvas-types'
import { versionGraph } from '@/components/canvas/read-only-graph'

export interface RunGraph {
  nodes: StepNode[]
  edges: FlowEdge[]
}

export function runGraph(definition: unknown): RunGraph {
  const graph = versionGraph(definition as WorkflowDoc)
  const nodes = graph.nodes.filter((n): n is StepNode => n.type !== 'note')
  const edges = graph.edges.map((e) => ({ ...e, type: 'run', selectable: false }))
  return { nodes, edges }
}

/** Nodes with `selected` set for one step; untouched nodes keep their identity. */
export function withSelection(nodes: readonly StepNode[], stepId: string | null): StepNode[] {
  return nodes.map((n) => {
    const selected = n.id === stepId
    return n.selected === selected ? n : { ...n, selected }
  })
}
