// The step graph: one normalised edge list from dependencies / onSuccess / onFailure,
// structural analysis (cycles, reachability, ancestry) and the join rule the runner uses.
import { asList, type TEdgeKind } from './step-common'
import type { GraphStep, Path, WorkflowEdge, WorkflowGraph } from './graph-types'
import { issue, type WorkflowIssue } from './workflow-issues'

export { ancestorIndex, findCycles, reachableFromRoots, topologicalOrder } from './graph-analysis'

export type { GraphStep, Path, WorkflowEdge, WorkflowGraph } from './graph-types'

/** Normalises every way of declaring an edge into one deduplicated list. Duplicate ids keep the first step. */
export function buildGraph(def: { steps: readonly GraphStep[] }): WorkflowGraph {
  const indexOf = new Map<string, number>()
  def.steps.forEach((step, i) => {
    if (!indexOf.has(step.id)) indexOf.set(step.id, i)
  })
  const stepIds = [...indexOf.keys()]
  const collector: EdgeCollector = { indexOf, edges: [], issues: [], exact: new Set(), firstKind: new Map() }
  def.steps.forEach((step, i) => {
    if (indexOf.get(step.id) === i) addStepEdges(collector, step, i)
  })
  const { edges, issues } = collector
  const incoming = new Map<string, WorkflowEdge[]>(stepIds.map((id) => [id, []]))
  const outgoing = new Map<string, WorkflowEdge[]>(stepIds.map((id) => [id, []]))
  for (const edge of edges) {
    incoming.get(edge.to)?.push(edge)
    outgoing.get(edge.from)?.push(edge)
  }
  const roots = stepIds.filter((id) => (incoming.get(id)?.length ?? 0) === 0)
  return { stepIds, indexOf, edges, incoming, outgoing, roots, issues }
}

/** The edges accepted so far, the issues found, and what deduplication has seen. */
interface EdgeCollector {
  readonly indexOf: ReadonlyMap<string, number>
  readonly edges: WorkflowEdge[]
  readonly issues: WorkflowIssue[]
  /** from, to and kind of every accepted edge. */
  readonly exact: Set<string>
  /** The kind first declared for each from → to pair. */
  readonly firstKind: Map<string, TEdgeKind>
}

const ROUTES: readonly (readonly ['onSuccess' | 'onFailure', TEdgeKind])[] = [
  ['onSuccess', 'success'],
  ['onFailure', 'failure'],
]

/** A step's edges in and out: its dependencies, then its onSuccess / onFailure routes. */
function addStepEdges(collector: EdgeCollector, step: GraphStep, i: number) {
  step.dependencies?.forEach((dep, d) => {
    const from = typeof dep === 'string' ? dep : dep.step
    const kind: TEdgeKind = typeof dep === 'string' ? 'success' : dep.on
    addEdge(
      collector,
      { from, to: step.id, kind, path: ['steps', i, 'dependencies', d] },
      step.id,
      from,
      'from',
    )
  })
  for (const [field, kind] of ROUTES) {
    const raw = step[field]
    asList(raw).forEach((to, t) => {
      const path: Path = typeof raw === 'string' ? ['steps', i, field] : ['steps', i, field, t]
      addEdge(collector, { from: step.id, to, kind, path }, step.id, to, 'to')
    })
  }
}

/** `other` is the end of the edge that `ownerId` (the declaring step) names. */
function addEdge(
  collector: EdgeCollector,
  edge: WorkflowEdge,
  ownerId: string,
  other: string,
  direction: 'from' | 'to',
) {
  const { issues } = collector
  if (!collector.indexOf.has(other)) {
    const what = direction === 'from' ? 'depends on' : 'routes to'
    issues.push(
      issue({
        code: 'dangling_reference',
        message: `Step "${ownerId}" ${what} "${other}", which does not exist. Fix the id or remove the reference.`,
        path: edge.path,
        stepId: ownerId,
      }),
    )
    return
  }
  if (edge.from === edge.to) {
    issues.push(
      issue({
        code: 'self_dependency',
        message: `Step "${ownerId}" depends on itself; remove that reference.`,
        path: edge.path,
        stepId: ownerId,
      }),
    )
    return
  }
  addDistinctEdge(collector, edge)
}

/** Drops an exact duplicate; keeps an edge of a second kind between the same pair, with an issue. */
function addDistinctEdge({ edges, issues, exact, firstKind }: EdgeCollector, edge: WorkflowEdge) {
  const pair = `${edge.from}\u0000${edge.to}`
  if (exact.has(`${pair}\u0000${edge.kind}`)) return
  exact.add(`${pair}\u0000${edge.kind}`)
  const first = firstKind.get(pair)
  if (first === undefined) firstKind.set(pair, edge.kind)
  else {
    issues.push(
      issue({
        code: 'conflicting_edge',
        message: `"${edge.from}" → "${edge.to}" is declared as both ${first} and ${edge.kind}; keep one edge (use "always" to run after either outcome).`,
        path: edge.path,
        stepId: edge.to,
      }),
    )
  }
  edges.push(edge)
}

export type TerminalStatus = 'succeeded' | 'failed' | 'skipped' | 'cancelled'

/** A finished source step; `conditionResult` is set for condition steps that evaluated. */
export interface SourceOutcome {
  status: TerminalStatus
  conditionResult?: boolean
}

/** Whether an edge of `kind` fires for a source that ended with `outcome`. */
export function isEdgeTaken(kind: TEdgeKind, outcome: SourceOutcome): boolean {
  switch (kind) {
    case 'success':
      return outcome.status === 'succeeded'
    case 'failure':
      return outcome.status === 'failed'
    case 'always':
      return outcome.status === 'succeeded' || outcome.status === 'failed'
    case 'true':
      return outcome.status === 'succeeded' && outcome.conditionResult === true
    case 'false':
      return outcome.status === 'succeeded' && outcome.conditionResult === false
  }
}

/** One incoming edge as the runner sees it; `source` is undefined while the source is not terminal. */
export interface IncomingEdgeState {
  kind: TEdgeKind
  source: SourceOutcome | undefined
}

export type JoinDecision = 'wait' | 'run' | 'skip'

/**
 * The join rule. Decided once every source is terminal. `all`: run iff some edge is taken and
 * no edge from a non-skipped source is untaken. `any`: run iff some edge is taken. Otherwise skip.
 */
export function decideJoin(
  step: { join?: 'all' | 'any' | undefined },
  incoming: readonly IncomingEdgeState[],
): JoinDecision {
  if (incoming.length === 0) return 'run'
  let taken = 0
  let blocking = 0
  for (const edge of incoming) {
    if (!edge.source) return 'wait'
    if (isEdgeTaken(edge.kind, edge.source)) taken++
    else if (edge.source.status !== 'skipped') blocking++
  }
  if (taken === 0) return 'skip'
  return (step.join ?? 'all') === 'any' || blocking === 0 ? 'run' : 'skip'
}
