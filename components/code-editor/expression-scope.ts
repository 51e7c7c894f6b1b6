// The data an expression field works with, built from the document being edited and the
// workflow's last run: the names it can complete and the context its preview evaluates against.
import type { ExpressionContext } from '@/server/engine/expressions'
import { buildRunContext, type StepResultRow } from '@/server/engine/run/run-context'
import type { TWorkflowDefinition } from '@/server/engine/workflow-schema'
import type { TWorkflowStep } from '@/steps/registry'
import type { WorkflowDoc } from '@/components/canvas/canvas-types'
import type { CompletionScope } from './expression-completions'

/** What the editor knows about the workflow's newest run (from runs.get). */
export interface LastRunData {
  id: string
  workflowId: string | null
  workflowVersion: number
  startedAt: Date | string | null
  createdAt: Date | string
  inputs: Record<string, unknown>
  steps: readonly StepResultRow[]
}

export interface ScopeSource {
  doc: WorkflowDoc | undefined
  stepId: string | undefined
  lastRun: LastRunData | undefined
  secrets: readonly string[]
}

function stepOf(source: ScopeSource) {
  return source.doc?.steps.find((s) => s.id === source.stepId)
}

function variablesOf(source: ScopeSource): Record<string, unknown> {
  const own = (stepOf(source) as { variables?: Record<string, unknown> } | undefined)?.variables
  return { ...source.doc?.variables, ...own }
}

/** The names an expression in this step can complete. */
export function completionScope(source: ScopeSource): CompletionScope {
  const properties = source.doc?.inputs?.properties ?? {}
  const context = previewContext(source)
  return {
    inputs: Object.entries(properties).map(([name, p]) => ({ name, type: p.type })),
    vars: variablesOf(source),
    steps: (source.doc?.steps ?? [])
      .filter((s) => s.id !== source.stepId)
      .map((s) => ({ id: s.id, name: s.name, type: s.type })),
    runInputs: source.lastRun ? context.inputs : undefined,
    stepResults: context.steps,
    secrets: source.secrets,
    inParallel: stepOf(source)?.type === 'parallel',
  }
}

function isoOf(value: Date | string | null): string {
  if (value === null) return ''
  return typeof value === 'string' ? value : value.toISOString()
}

function defaultInputs(doc: WorkflowDoc | undefined): Record<string, unknown> {
  const entries = Object.entries(doc?.inputs?.properties ?? {}).filter(([, p]) => p.default !== undefined)
  return Object.fromEntries(entries.map(([name, p]) => [name, p.default]))
}

/** The context a preview evaluates against: the last run's inputs and step results, today's variables. */
export function previewContext(source: ScopeSource): ExpressionContext {
  const run = source.lastRun
  // buildRunContext reads only `variables` from the definition and the step.
  const definition = { variables: source.doc?.variables } as TWorkflowDefinition
  const step = (stepOf(source) ?? {}) as TWorkflowStep
  if (!run) {
    const info = { id: '', workflowId: '', version: 0, startedAt: '' }
    return buildRunContext(definition, step, info, defaultInputs(source.doc), [])
  }
  const info = {
    id: run.id,
    workflowId: run.workflowId ?? '',
    version: run.workflowVersion,
    startedAt: isoOf(run.startedAt ?? run.createdAt),
  }
  return buildRunContext(definition, step, info, run.inputs, run.steps)
}
