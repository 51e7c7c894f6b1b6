// A workflow definition prepared for execution: the graph and a step lookup. Versions are
// immutable, so the runner compiles each once and caches it.
import { parseDuration } from '../duration'
import type { TWorkflowStep } from '../steps/registry'
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

/** A command or parallel step without its own timeout still ends: a lost device never leaves a step running forever. */
export const DEFAULT_STEP_TIMEOUT_MS = 60 * 60_000
/** Conditions, transforms and fail steps are pure evaluation; anything slower is a bug. */
export const CONDITION_TIMEOUT_MS = 10_000

/** The limit for one attempt of a step, or undefined when the step type has its own deadline (wait). */
export function stepTimeoutMs(step: TWorkflowStep): number | undefined {
  if (step.timeout !== undefined) return parseDuration(step.timeout)
  switch (step.type) {
    case 'wait':
      return undefined
    case 'condition':
      return CONDITION_TIMEOUT_MS
    case 'transform':
    case 'fail':
      return CONDITION_TIMEOUT_MS
    case 'webhook':
      return parseDuration(step.request.timeout) + 5_000
    case 'command':
    case 'parallel':
      return DEFAULT_STEP_TIMEOUT_MS
  }
}
