// The shape of the step graph (steps, normalised edges, their indexes), shared by the code that
// builds it (workflow-graph.ts) and the code that analyses it (graph-analysis.ts).
import type { TDependency, TEdgeKind } from './step-common'
import type { WorkflowIssue } from './workflow-issues'

export type Path = (string | number)[]

/** The fields of a step the graph needs; parsed steps and lenient raw views both fit. */
export interface GraphStep {
  id: string
  type: string
  dependencies?: TDependency[] | undefined
  onSuccess?: string | string[] | undefined
  onFailure?: string | string[] | undefined
  join?: 'all' | 'any' | undefined
}

export interface WorkflowEdge {
  from: string
  to: string
  kind: TEdgeKind
  /** Where the edge is declared, e.g. ['steps', 2, 'dependencies', 0]. */
  path: Path
}

export interface WorkflowGraph {
  stepIds: string[]
  indexOf: Map<string, number>
  edges: WorkflowEdge[]
  incoming: Map<string, WorkflowEdge[]>
  outgoing: Map<string, WorkflowEdge[]>
  /** Steps with no incoming edges: where a run starts. */
  roots: string[]
  /** Dangling references, self-dependencies and conflicting duplicate edges. */
  issues: WorkflowIssue[]
}
