// validateWorkflow: schema, graph, expressions, step-type rules and timing, reporting every
// problem with its step id and path. Steps that fail the schema still take part in graph checks.
import { ZInputSchema, checkInputSchema } from './input-schema'
import { findJsonProblems, jsonByteLength } from '@/contracts/json-guard'
import { isJsonObject } from './json-value'
import { MAX_DOCUMENT_BYTES } from './limits'
import { mapSchemaIssues } from './schema-issues'
import { ZDependency, type TDependency } from './step-common'
import { createStepValidationContext } from '@/steps/define-step'
import { ZWorkflowStep, getStepType, type TWorkflowStep } from '@/steps/registry'
import { validateStepExpressions, type ExpressionScope } from './validate-expressions'
import { validateWorkflowOutputs } from './workflow-outputs'
import { checkStepTimeouts } from './validate-timing'
import {
  ancestorIndex,
  buildGraph,
  findCycles,
  reachableFromRoots,
  topologicalOrder,
  type GraphStep,
  type WorkflowGraph,
} from './workflow-graph'
import { ZWorkflowDefinition, type TWorkflowDefinition } from './workflow-schema'
import { issue, jsonProblemIssue, type WorkflowIssue } from './workflow-issues'

export type ValidateWorkflowResult =
  | { ok: true; workflow: TWorkflowDefinition; warnings: WorkflowIssue[] }
  | { ok: false; issues: WorkflowIssue[] }

/** Per raw step: the parsed step when it passed the schema, and a graph view when its id is usable. */
interface StepView {
  index: number
  parsed: TWorkflowStep | undefined
  graph: GraphStep | undefined
}

function lenientEdges(value: unknown): string | string[] | undefined {
  if (typeof value === 'string') return value
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined
}

function viewStep(raw: unknown, index: number, parsed: TWorkflowStep | undefined): StepView {
  if (parsed) return { index, parsed, graph: parsed }
  if (!isJsonObject(raw) || typeof raw.id !== 'string' || raw.id === '')
    return { index, parsed, graph: undefined }
  const dependencies = Array.isArray(raw.dependencies)
    ? raw.dependencies.flatMap((dep): TDependency[] => {
        const checked = ZDependency.safeParse(dep)
        return checked.success ? [checked.data] : []
      })
    : undefined
  const graph: GraphStep = {
    id: raw.id,
    type: typeof raw.type === 'string' ? raw.type : '',
    dependencies,
    onSuccess: lenientEdges(raw.onSuccess),
    onFailure: lenientEdges(raw.onFailure),
  }
  return { index, parsed, graph }
}

function stepViews(input: unknown, parsed: TWorkflowDefinition | undefined): StepView[] {
  if (parsed) return parsed.steps.map((step, i) => ({ index: i, parsed: step, graph: step }))
  if (!isJsonObject(input) || !Array.isArray(input.steps)) return []
  return input.steps.map((raw, i) => {
    const checked = ZWorkflowStep.safeParse(raw)
    return viewStep(raw, i, checked.success ? checked.data : undefined)
  })
}

function checkDuplicateIds(views: StepView[]): WorkflowIssue[] {
  const firstIndex = new Map<string, number>()
  const issues: WorkflowIssue[] = []
  for (const view of views) {
    const id = view.graph?.id
    if (id === undefined) continue
    const first = firstIndex.get(id)
    if (first === undefined) firstIndex.set(id, view.index)
    else {
      issues.push(
        issue({
          code: 'duplicate_step_id',
          message: `Step id "${id}" is already used by steps[${first}]; step ids must be unique, so rename one.`,
          path: ['steps', view.index, 'id'],
          stepId: id,
        }),
      )
    }
  }
  return issues
}

function checkStructure(graph: WorkflowGraph, views: StepView[]): WorkflowIssue[] {
  const issues: WorkflowIssue[] = [...graph.issues]
  const typeOf = new Map<string, string>()
  for (const view of views)
    if (view.graph && !typeOf.has(view.graph.id)) typeOf.set(view.graph.id, view.graph.type)
  for (const edge of graph.edges) {
    const sourceType = typeOf.get(edge.from) ?? ''
    const definition = getStepType(sourceType)
    if (!definition || definition.outgoing.includes(edge.kind)) continue
    if (definition.outgoing.length === 0) {
      issues.push(
        issue({
          code: 'invalid_edge_kind',
          message: `Step "${edge.from}" is a ${sourceType} step: it ends the run, so no step can follow it; remove its edge to "${edge.to}".`,
          path: edge.path,
          stepId: edge.from,
        }),
      )
      continue
    }
    const message =
      sourceType === 'condition'
        ? `Condition "${edge.from}" routes with "true" and "false" edges; use { "step": "${edge.from}", "on": "true" } (or "false", "always", "failure") instead of a ${edge.kind} edge.`
        : `A "${edge.kind}" edge can only leave a condition step, but "${edge.from}" is a ${sourceType} step; use success, failure or always.`
    issues.push(issue({ code: 'invalid_edge_kind', message, path: edge.path, stepId: edge.to }))
  }
  const inCycle = new Set<string>()
  for (const cycle of findCycles(graph)) {
    cycle.forEach((id) => inCycle.add(id))
    const first = cycle[0] ?? ''
    const closing = graph.edges.find((e) => e.from === cycle[cycle.length - 2] && e.to === first)
    issues.push(
      issue({
        code: 'cycle',
        message: `Steps form a cycle: ${cycle.join(' → ')}; remove one of these edges so the graph has an order.`,
        path: closing?.path ?? ['steps', graph.indexOf.get(first) ?? 0],
        stepId: first,
      }),
    )
  }
  const reachable = reachableFromRoots(graph)
  for (const id of graph.stepIds) {
    if (reachable.has(id) || inCycle.has(id)) continue
    issues.push(
      issue({
        code: 'unreachable_step',
        message: `Step "${id}" can never run: no start step leads to it (it only follows a cycle); fix the cycle or its dependencies.`,
        path: ['steps', graph.indexOf.get(id) ?? 0],
        stepId: id,
      }),
    )
  }
  return issues
}

function expressionScope(
  input: unknown,
  parsed: TWorkflowDefinition | undefined,
  graph: WorkflowGraph,
): ExpressionScope {
  const doc = parsed ?? (isJsonObject(input) ? input : {})
  const inputs =
    isJsonObject(doc.inputs) && isJsonObject(doc.inputs.properties)
      ? new Set(Object.keys(doc.inputs.properties))
      : undefined
  const workflowVars = new Set(isJsonObject(doc.variables) ? Object.keys(doc.variables) : [])
  const { blocked } = topologicalOrder(graph)
  const cyclic = new Set(blocked)
  let ancestors: ((stepId: string, candidate: string) => boolean) | undefined
  return {
    inputNames: inputs,
    workflowVars,
    stepIds: new Set(graph.stepIds),
    isUpstream: (stepId, candidate) => {
      if (cyclic.has(stepId)) return undefined
      ancestors ??= ancestorIndex(graph)
      return ancestors(stepId, candidate)
    },
  }
}

/** Validates a workflow document and returns every problem, or the parsed workflow with warnings. */
export function validateWorkflow(input: unknown): ValidateWorkflowResult {
  // First, so nothing below (JSON.stringify, zod's recursion) meets a value nested 5,000 deep.
  const unsafe = findJsonProblems(input)
  if (unsafe.length > 0) return { ok: false, issues: unsafe.map((found) => jsonProblemIssue(found)) }
  const size = jsonByteLength(input)
  if (size === undefined) {
    return {
      ok: false,
      issues: [
        issue({
          code: 'schema_error',
          message: 'The workflow is not serializable as JSON (it contains a cycle or a non-JSON value).',
          path: [],
        }),
      ],
    }
  }
  if (size > MAX_DOCUMENT_BYTES) {
    const message = `The workflow is ${size} bytes as JSON, more than the ${MAX_DOCUMENT_BYTES}-byte limit; split it or move large data out of params.`
    return { ok: false, issues: [issue({ code: 'document_too_large', message, path: [] })] }
  }
  const result = ZWorkflowDefinition.safeParse(input)
  const parsed = result.success ? result.data : undefined
  const issues: WorkflowIssue[] = result.success ? [] : mapSchemaIssues(result.error.issues, input)

  const views = stepViews(input, parsed)
  issues.push(...checkDuplicateIds(views))
  const graph = buildGraph({ steps: views.flatMap((v) => (v.graph ? [v.graph] : [])) })
  // buildGraph numbers steps by their position among graph views; map back to document indexes.
  const docIndex = views.flatMap((v) => (v.graph ? [v.index] : []))
  const remap = (path: (string | number)[]) =>
    path[0] === 'steps' && typeof path[1] === 'number'
      ? ['steps', docIndex[path[1]] ?? path[1], ...path.slice(2)]
      : path
  for (const edge of graph.edges) edge.path = remap(edge.path)
  for (const found of graph.issues) found.path = remap(found.path)
  graph.indexOf.forEach((i, id) => graph.indexOf.set(id, docIndex[i] ?? i))
  issues.push(...checkStructure(graph, views))

  const inputSchema = parsed
    ? { success: true as const, data: parsed.inputs }
    : ZInputSchema.optional().safeParse(isJsonObject(input) ? input.inputs : undefined)
  if (inputSchema.success && inputSchema.data) issues.push(...checkInputSchema(inputSchema.data))
  const scope = expressionScope(input, parsed, graph)
  for (const view of views) {
    const step = view.parsed
    if (!step) continue
    const stepPath = ['steps', view.index]
    const definition = getStepType(step.type)
    if (definition?.validate)
      issues.push(...definition.validate(step, createStepValidationContext(step.id, stepPath)))
    issues.push(...validateStepExpressions(step, stepPath, scope))
  }
  if (parsed) issues.push(...checkStepTimeouts(parsed))
  if (parsed) issues.push(...validateWorkflowOutputs(parsed.outputs, scope.stepIds))

  const hasErrors = issues.some((found) => found.severity === 'error')
  if (!parsed || hasErrors) return { ok: false, issues }
  return { ok: true, workflow: parsed, warnings: issues }
}
