// Loads what claimed steps need to render templates: run inputs and earlier steps' results,
// one query per batch, and only for steps that actually read the run context.
import { sql } from 'drizzle-orm'
import { attachStepSecrets } from '@/server/auth/step-secrets'
import type { ExpressionContext } from '@/server/engine/expressions'
import { buildRunContext, type StepResultRow } from '@/server/engine/run/run-context'
import type { CompiledRun } from '@/server/engine/run/compiled-run'
import { getStepType, type TWorkflowStep } from '@/server/engine/steps/registry'
import { hasTemplate } from '@/server/engine/templating'
import type { ClaimedStep } from './step-queue'
import { rows, toDate, uuidList, type Queryable } from './sql-helpers'

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

export async function loadStepContexts(
  db: Queryable,
  claims: readonly ClaimedStep[],
  runs: ReadonlyMap<string, CompiledRun>,
): Promise<Map<ClaimedStep, ExpressionContext>> {
  const out = new Map<ClaimedStep, ExpressionContext>()
  const needing = claims.filter((c) => {
    const step = runs.get(c.executionId)?.steps.get(c.stepId)
    return step !== undefined && stepReadsContext(step)
  })
  if (needing.length === 0) return out
  const ids = [...new Set(needing.map((c) => c.executionId))]
  const executions = await rows<{
    id: string
    inputs: Record<string, unknown>
    workflow_id: string | null
    workflow_version: number
    started_at: string | null
  }>(
    db,
    sql`SELECT id, inputs, workflow_id, workflow_version, started_at FROM executions WHERE id IN ${uuidList(ids)}`,
  )
  const results = await rows<{
    execution_id: string
    step_id: string
    status: string
    output: unknown
    error: unknown
  }>(
    db,
    sql`SELECT execution_id, step_id, status, output, error FROM step_executions
        WHERE execution_id IN ${uuidList(ids)} AND status IN ('succeeded', 'failed', 'skipped')`,
  )
  const byExecution = new Map<string, StepResultRow[]>()
  for (const r of results) {
    const list = byExecution.get(r.execution_id) ?? []
    list.push({ stepId: r.step_id, status: r.status, output: r.output, error: r.error })
    byExecution.set(r.execution_id, list)
  }
  const info = new Map(executions.map((e) => [e.id, e]))
  for (const claim of needing) {
    const run = runs.get(claim.executionId)
    const execution = info.get(claim.executionId)
    const step = run?.steps.get(claim.stepId)
    if (!run || !execution || !step) continue
    out.set(
      claim,
      buildRunContext(
        run.definition,
        step,
        {
          id: execution.id,
          workflowId: execution.workflow_id ?? '',
          version: execution.workflow_version,
          startedAt: toDate(execution.started_at)?.toISOString() ?? '',
        },
        execution.inputs,
        byExecution.get(claim.executionId) ?? [],
      ),
    )
  }
  await attachStepSecrets(db, out, runs)
  return out
}
