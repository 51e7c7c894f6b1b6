// Evaluates the `outputs` of runs a batch is about to end as succeeded, before anything is
// written: step results come from the database with the batch's own pending changes laid over.
// A failing expression (or outputs too large to store) ends the run failed with `outputs_failed`.
import { jsonByteLength } from '@/contracts/json-guard'
import type { StepResultRow } from '@/server/engine/run/run-context'
import { evaluateWorkflowOutputs } from '@/server/engine/workflow-outputs'
import type { Queryable } from '@/server/platform/sql-helpers'
import { loadRunData } from './step-context'

export const MAX_RUN_OUTPUTS_BYTES = 1_048_576

export interface PendingOutputs {
  executionId: string
  definition: Parameters<typeof evaluateWorkflowOutputs>[0]
  /** Each step's status now, and this batch's not yet written output and error. */
  steps: { stepId: string; status: string; output?: unknown; error?: unknown }[]
}

export type SettledOutputs =
  | { ok: true; outputs: Record<string, unknown> }
  | { ok: false; error: { code: 'outputs_failed'; message: string } }

export async function settleRunOutputs(
  db: Queryable,
  pending: readonly PendingOutputs[],
): Promise<Map<string, SettledOutputs>> {
  const out = new Map<string, SettledOutputs>()
  if (pending.length === 0) return out
  const data = await loadRunData(
    db,
    pending.map((p) => p.executionId),
  )
  for (const run of pending) {
    const known = data.get(run.executionId)
    if (!known) continue
    const results: StepResultRow[] = run.steps.map((s) => {
      const stored = known.results.get(s.stepId)
      return {
        stepId: s.stepId,
        status: s.status,
        output: s.output !== undefined ? s.output : (stored?.output ?? null),
        error: s.error !== undefined ? s.error : (stored?.error ?? null),
      }
    })
    const evaluated = evaluateWorkflowOutputs(run.definition, known.info, known.inputs, results)
    out.set(run.executionId, checkSize(evaluated))
  }
  return out
}

function checkSize(evaluated: ReturnType<typeof evaluateWorkflowOutputs>): SettledOutputs {
  if (!evaluated.ok) return { ok: false, error: { code: 'outputs_failed', message: evaluated.message } }
  const size = jsonByteLength(evaluated.outputs)
  if (size === undefined || size > MAX_RUN_OUTPUTS_BYTES) {
    const message = `The run's outputs are ${size ?? 'not serialisable as JSON'}${size ? ` bytes, more than the ${MAX_RUN_OUTPUTS_BYTES}-byte limit` : ''}.`
    return { ok: false, error: { code: 'outputs_failed', message } }
  }
  return evaluated
}
