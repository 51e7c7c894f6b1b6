// Loads what claimed steps need to render templates: run inputs and earlier steps' results,
// one query per batch, and only for steps that actually read the run context.
import { sql } from 'drizzle-orm'
import type { ExpressionContext } from '@/server/engine/expressions'
import { buildRunContext, type RunInfo, type StepResultRow } from '@/server/engine/run/run-context'
import type { CompiledRun } from '@/server/engine/run/compiled-run'
import { getStepType, type TWorkflowStep } from '@/steps/registry'
import { hasTemplate } from '@/server/engine/templating'
import type { ClaimedStep, StepSecrets } from './ports'
import { rows, toDate, uuidArray, type Queryable } from '@/server/platform/sql-helpers'

const readsContext = new WeakMap<TWorkflowStep, boolean>()

/** Conditions always read the context; other steps only when a field holds a `{{ }}` template. */
export function stepReadsContext(step: TWorkflowStep): boolean {
  const known = readsContext.get(step)
  if (known !== undefined) return known
  const reads =
    step.type === 'condition' ||
    (getStepType(step.type)
      ?.templateFields(step)
      .some((f) => hasTemplate(f.value)) ??
      false)
  readsContext.set(step, reads)
  return reads
}

/** What templates of one run can read: run facts, inputs, and each finished step's result. */
export interface RunData {
  info: RunInfo
  inputs: Record<string, unknown>
  results: Map<string, StepResultRow>
}

/** Loads run facts and finished steps' results of these executions: two queries however many. */
export async function loadRunData(
  db: Queryable,
  executionIds: readonly string[],
): Promise<Map<string, RunData>> {
  const out = new Map<string, RunData>()
  if (executionIds.length === 0) return out
  const ids = [...new Set(executionIds)]
  const executions = await rows<{
    id: string
    inputs: Record<string, unknown>
    workflow_id: string | null
    workflow_version: number
    started_at: string | null
  }>(
    db,
    sql`SELECT id, inputs, workflow_id, workflow_version, started_at FROM executions WHERE id = ANY(${uuidArray(ids)})`,
  )
  for (const e of executions) {
    const info = {
      id: e.id,
      workflowId: e.workflow_id ?? '',
      version: e.workflow_version,
      startedAt: toDate(e.started_at)?.toISOString() ?? '',
    }
    out.set(e.id, { info, inputs: e.inputs, results: new Map() })
  }
  const results = await rows<{
    execution_id: string
    step_id: string
    status: string
    output: unknown
    error: unknown
  }>(
    db,
    sql`SELECT execution_id, step_id, status, output, error FROM step_executions
        WHERE execution_id = ANY(${uuidArray(ids)}) AND status IN ('succeeded', 'failed', 'skipped')`,
  )
  for (const r of results)
    out
      .get(r.execution_id)
      ?.results.set(r.step_id, { stepId: r.step_id, status: r.status, output: r.output, error: r.error })
  return out
}

export async function loadStepContexts(
  db: Queryable,
  claims: readonly ClaimedStep[],
  runs: ReadonlyMap<string, CompiledRun>,
  secrets: StepSecrets,
): Promise<Map<ClaimedStep, ExpressionContext>> {
  const out = new Map<ClaimedStep, ExpressionContext>()
  const needing = claims.filter((c) => {
    const step = runs.get(c.executionId)?.steps.get(c.stepId)
    return step !== undefined && stepReadsContext(step)
  })
  if (needing.length === 0) return out
  const data = await loadRunData(
    db,
    needing.map((c) => c.executionId),
  )
  for (const claim of needing) {
    const run = runs.get(claim.executionId)
    const found = data.get(claim.executionId)
    const step = run?.steps.get(claim.stepId)
    if (!run || !found || !step) continue
    out.set(
      claim,
      buildRunContext(run.definition, step, found.info, found.inputs, [...found.results.values()]),
    )
  }
  await secrets.attach(db, out, runs)
  return out
}
