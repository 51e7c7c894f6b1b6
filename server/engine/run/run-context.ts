// The data expressions and templates see while a step runs: inputs, vars, earlier steps' results, run.
import type { ExpressionContext, StepResultView } from '../expressions'
import type { TWorkflowStep } from '@/steps/registry'
import type { TWorkflowDefinition } from '../workflow-schema'

export interface RunInfo {
  id: string
  workflowId: string
  version: number
  startedAt: string
}

export interface StepResultRow {
  stepId: string
  status: string
  output: unknown
  error: unknown
}

/** Only finished steps (succeeded, failed, skipped) have results; `vars` merges step variables over workflow variables. */
export function buildRunContext(
  definition: TWorkflowDefinition,
  step: TWorkflowStep,
  run: RunInfo,
  inputs: Record<string, unknown>,
  results: readonly StepResultRow[],
): ExpressionContext {
  const steps: Record<string, StepResultView> = {}
  for (const row of results) {
    if (row.status !== 'succeeded' && row.status !== 'failed' && row.status !== 'skipped') continue
    steps[row.stepId] = { output: row.output ?? null, status: row.status, error: row.error ?? null }
  }
  return { inputs, vars: { ...definition.variables, ...step.variables }, steps, run }
}
