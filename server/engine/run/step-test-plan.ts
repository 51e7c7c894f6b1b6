// Testing one step: the run that executes only that step, its upstream steps kept as succeeded
// with the outputs given (the rerun mechanism: kept results), so expressions read them as usual.
import { WorkflowError } from '../errors'
import { buildGraph, type WorkflowGraph } from '../workflow-graph'
import type { TWorkflowDefinition, TWorkflowStep } from '../workflow-schema'
import { conditionResultOf, type KeptStep } from './rerun-plan'

export interface StepTestPlan {
  /** The tested step and its upstream steps; only the tested step is left to execute. */
  definition: TWorkflowDefinition
  kept: Map<string, KeptStep>
}

export interface StepTestRequest {
  stepId: string
  /** Outputs of upstream steps by step id; an upstream step not named here ran with output null. */
  upstream: Readonly<Record<string, unknown>>
  /** Runs a command step on exactly this device. */
  deviceId?: string | undefined
}

/** Every step with a path to `stepId`. */
export function upstreamOf(graph: WorkflowGraph, stepId: string): Set<string> {
  const seen = new Set<string>()
  const queue = [stepId]
  for (let head = 0; head < queue.length; head++) {
    for (const edge of graph.incoming.get(queue[head] as string) ?? []) {
      if (seen.has(edge.from) || edge.from === stepId) continue
      seen.add(edge.from)
      queue.push(edge.from)
    }
  }
  return seen
}

function withoutEdges(step: TWorkflowStep): TWorkflowStep {
  const { dependencies: _d, onSuccess: _s, onFailure: _f, ...rest } = step
  return rest
}

/** An upstream step with its own incoming edges only (all from upstream steps): validation sees the same graph. */
function upstreamStep(step: TWorkflowStep, graph: WorkflowGraph): TWorkflowStep {
  const incoming = (graph.incoming.get(step.id) ?? []).map((edge) => ({ step: edge.from, on: edge.kind }))
  return { ...withoutEdges(step), ...(incoming.length > 0 ? { dependencies: incoming } : {}) }
}

function testedStep(step: TWorkflowStep, graph: WorkflowGraph, deviceId: string | undefined): TWorkflowStep {
  const direct = [...new Set((graph.incoming.get(step.id) ?? []).map((edge) => edge.from))]
  // Kept upstream steps all succeeded, so plain success edges ready it whatever kind the edges were.
  const tested = { ...withoutEdges(step), ...(direct.length > 0 ? { dependencies: direct } : {}) }
  if (deviceId === undefined) return tested
  if (tested.type !== 'command')
    throw new WorkflowError(
      'invalid_inputs',
      `Step "${step.id}" is a ${step.type} step; only a command step can be tested on a chosen device.`,
    )
  return { ...tested, target: { deviceId } }
}

function requireUpstream(stepId: string, upstream: Set<string>, given: readonly string[]): void {
  const stray = given.filter((id) => !upstream.has(id))
  if (stray.length === 0) return
  throw new WorkflowError(
    'invalid_inputs',
    `Sample data was given for ${stray.map((id) => `"${id}"`).join(', ')}, which ${stray.length === 1 ? 'is' : 'are'} not upstream of "${stepId}".`,
  )
}

/** The definition and kept results of a run that tests `request.stepId` of `definition`. */
export function planStepTest(definition: TWorkflowDefinition, request: StepTestRequest): StepTestPlan {
  const step = definition.steps.find((s) => s.id === request.stepId)
  if (!step) throw new WorkflowError('not_found', `The workflow has no step "${request.stepId}".`)
  const graph = buildGraph(definition)
  const upstream = upstreamOf(graph, step.id)
  requireUpstream(step.id, upstream, Object.keys(request.upstream))
  const kept = new Map<string, KeptStep>()
  const steps: TWorkflowStep[] = []
  for (const candidate of definition.steps) {
    if (candidate.id === step.id) steps.push(testedStep(step, graph, request.deviceId))
    else if (upstream.has(candidate.id) && !kept.has(candidate.id)) {
      steps.push(upstreamStep(candidate, graph))
      const output = request.upstream[candidate.id] ?? null
      const branch = candidate.type === 'condition' ? conditionResultOf(output) : undefined
      kept.set(candidate.id, { status: 'succeeded', output, conditionResult: branch })
    }
  }
  // A test runs beside the workflow's own runs: no concurrency limit applies to it.
  const { concurrency: _limit, canvas: _canvas, ...rest } = definition
  return { definition: { ...rest, steps }, kept }
}
