// The runner's side of secrets: when command and webhook steps are dispatched, their contexts get
// the values of the secrets they reference (and no others); their results are redacted before
// they are stored. Other step types never see secrets.
import type { ExpressionContext } from '@/server/engine/expressions'
import type { CompiledRun } from '@/server/engine/run/compiled-run'
import type { TWorkflowStep } from '@/server/engine/steps/registry'
import type { StepResult } from '@/server/runner/executors/step-executor'
import type { ClaimedStep } from '@/server/runner/step-queue'
import type { Queryable } from '@/server/runner/sql-helpers'
import { stepSecretReferences } from './secret-references'
import { redactSecrets } from './secret-redaction'
import { loadSecretValues } from './secret-store'

function secretNamesOf(step: TWorkflowStep | undefined): string[] {
  if (!step || (step.type !== 'command' && step.type !== 'webhook')) return []
  return stepSecretReferences(step).map((r) => r.name)
}

/** Adds `secrets` to the contexts of claimed command/webhook steps that reference any; one query per batch. */
export async function attachStepSecrets(
  db: Queryable,
  contexts: Map<ClaimedStep, ExpressionContext>,
  runs: ReadonlyMap<string, CompiledRun>,
): Promise<void> {
  const wanted = new Map<ClaimedStep, string[]>()
  for (const claim of contexts.keys()) {
    const names = secretNamesOf(runs.get(claim.executionId)?.steps.get(claim.stepId))
    if (names.length > 0) wanted.set(claim, names)
  }
  if (wanted.size === 0) return
  const values = await loadSecretValues(db, [...wanted.values()].flat())
  for (const [claim, names] of wanted) {
    const context = contexts.get(claim)
    if (!context) continue
    const own: Record<string, string> = {}
    for (const name of names) {
      const value = values.get(name)
      if (value !== undefined) own[name] = value
    }
    contexts.set(claim, { ...context, secrets: own })
  }
}

/** The result with every secret value the step could read replaced by `***`. */
export function redactStepResult(result: StepResult, context: ExpressionContext | undefined): StepResult {
  const values = context?.secrets ? Object.values(context.secrets) : []
  return values.length === 0 ? result : redactSecrets(result, values)
}
