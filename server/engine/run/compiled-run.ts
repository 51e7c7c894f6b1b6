// A workflow definition prepared for execution: the graph and a step lookup. Versions are
// immutable, so the runner compiles each once and caches it.
import { parseDuration } from '../duration'
import { getStepType, type TWorkflowStep } from '@/steps/registry'
import { buildGraph, type WorkflowGraph } from '../workflow-graph'
import type { TWorkflowDefinition } from '../workflow-schema'

export interface CompiledRun {
  definition: TWorkflowDefinition
  graph: WorkflowGraph
  steps: ReadonlyMap<string, TWorkflowStep>
  failFast: boolean
}

export function compileRun(definition: TWorkflowDefinition): CompiledRun {
  const steps = new Map<string, TWorkflowStep>()
  for (const step of definition.steps) if (!steps.has(step.id)) steps.set(step.id, step)
  return {
    definition,
    graph: buildGraph(definition),
    steps,
    failFast: (definition.errorHandling?.strategy ?? 'fail-fast') === 'fail-fast',
  }
}

export function requireStep(run: CompiledRun, stepId: string): TWorkflowStep {
  const step = run.steps.get(stepId)
  if (!step) throw new Error(`Step "${stepId}" is not in the workflow definition`)
  return step
}

/** The limit for one attempt of a step, or undefined when the step type has its own deadline (wait). */
export function stepTimeoutMs(step: TWorkflowStep): number | undefined {
  if (step.timeout !== undefined) return parseDuration(step.timeout)
  return getStepType(step.type)?.timing.defaultTimeoutMs(step)
}
