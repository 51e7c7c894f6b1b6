// A workflow's `outputs`: named CEL expressions over inputs, vars and steps, checked when the
// workflow is saved and evaluated when a run succeeds (a `workflow` step's output is its child's).
import { compileExpression, evaluateSource, type ExpressionContext } from './expressions'
import { buildRunContext, type RunInfo, type StepResultRow } from './run/run-context'
import { issue, type WorkflowIssue } from './workflow-issues'
import type { TWorkflowDefinition } from './workflow-schema'

/** Syntax and names of every output expression; each issue names the output. */
export function validateWorkflowOutputs(
  outputs: Record<string, string> | undefined,
  stepIds: ReadonlySet<string>,
): WorkflowIssue[] {
  const out: WorkflowIssue[] = []
  for (const [name, source] of Object.entries(outputs ?? {})) {
    const path = ['outputs', name]
    const compiled = compileExpression(source)
    if (!compiled.ok) {
      out.push(issue({ code: 'invalid_expression', message: `Output "${name}": ${compiled.message}`, path }))
      continue
    }
    for (const ref of compiled.program.references()) {
      if (ref.root === 'steps' && ref.name !== undefined && !stepIds.has(ref.name)) {
        const message = `Output "${name}" reads "steps.${ref.name}", a step that does not exist; check the step id.`
        out.push(issue({ code: 'unknown_step_reference', message, path }))
      } else if (ref.root !== 'inputs' && ref.root !== 'vars' && ref.root !== 'steps' && ref.root !== 'run') {
        const message = `Output "${name}" can read inputs, vars, steps and run, not "${ref.name ?? ref.root}".`
        out.push(issue({ code: 'invalid_expression', message, path }))
      }
    }
  }
  return out
}

export type OutputsResult = { ok: true; outputs: Record<string, unknown> } | { ok: false; message: string }

/** Evaluates the outputs of a run that succeeded; the first failing expression names the output. */
export function evaluateWorkflowOutputs(
  definition: TWorkflowDefinition,
  run: RunInfo,
  inputs: Record<string, unknown>,
  results: readonly StepResultRow[],
): OutputsResult {
  const outputs = definition.outputs
  if (!outputs) return { ok: true, outputs: {} }
  const context: ExpressionContext = outputContext(definition, run, inputs, results)
  const values: Record<string, unknown> = {}
  for (const [name, source] of Object.entries(outputs)) {
    try {
      values[name] = evaluateSource(source, context)
    } catch (error) {
      return { ok: false, message: `Output "${name}" (${source}): ${error instanceof Error ? error.message : String(error)}` }
    }
  }
  return { ok: true, outputs: values }
}

function outputContext(
  definition: TWorkflowDefinition,
  run: RunInfo,
  inputs: Record<string, unknown>,
  results: readonly StepResultRow[],
): ExpressionContext {
  const first = definition.steps[0]
  if (!first) return { inputs, vars: { ...definition.variables }, steps: {}, run }
  // Workflow-level: the step's own variables are not in scope.
  return buildRunContext(definition, { ...first, variables: undefined }, run, inputs, results)
}
