// The runner's side of secrets: when command and webhook steps are dispatched, their contexts get
// the values of the secrets they reference (and no others), and a command step's attempt records
// which versions it got (its device commands are scrubbed with exactly those); results are
// redacted before they are stored. Other step types never see secrets.
import type { ExpressionContext } from '@/server/engine/expressions'
import type { CompiledRun } from '@/server/engine/run/compiled-run'
import type { TWorkflowStep } from '@/steps/registry'
import type { ClaimedStep, StepResult, StepSecrets } from '@/server/runner/ports'
import type { Queryable } from '@/server/platform/sql-helpers'
import { stepSecretReferences } from './secret-references'
import { redactSecrets } from './secret-redaction'
import { recordSecretGrants, type SecretGrant } from './secret-grants'
import { loadSecretVersions } from './secret-store'

/**
 * The secrets a step reads; none at all when it computes with one (`{{ secrets.S.lowerAscii() }}`,
 * refused by validation, could still sit in a version saved before that rule): its template then
 * fails to render rather than send an unmaskable form of the value.
 */
function secretNamesOf(step: TWorkflowStep | undefined): string[] {
  if (!step || (step.type !== 'command' && step.type !== 'webhook')) return []
  const refs = stepSecretReferences(step)
  return refs.every((r) => r.whole) ? refs.map((r) => r.name) : []
}

/**
 * Adds `secrets` to the contexts of claimed command/webhook steps that reference any, and records
 * the versions each command attempt received; one read and at most one write per batch.
 */
export async function attachStepSecrets(
  db: Queryable,
  contexts: Map<ClaimedStep, ExpressionContext>,
  runs: ReadonlyMap<string, CompiledRun>,
): Promise<void> {
  const wanted = new Map<ClaimedStep, { names: string[]; isCommand: boolean }>()
  for (const claim of contexts.keys()) {
    const step = runs.get(claim.executionId)?.steps.get(claim.stepId)
    const names = secretNamesOf(step)
    if (names.length > 0) wanted.set(claim, { names, isCommand: step?.type === 'command' })
  }
  if (wanted.size === 0) return
  const versions = await loadSecretVersions(db, [...wanted.values()].flatMap((w) => w.names))
  const grants: SecretGrant[] = []
  for (const [claim, { names, isCommand }] of wanted) {
    const context = contexts.get(claim)
    if (!context) continue
    const own: Record<string, string> = {}
    for (const name of names) {
      const resolved = versions.get(name)
      if (resolved === undefined) continue
      own[name] = resolved.value
      if (isCommand)
        grants.push({ stepExecutionId: claim.rowId, attempt: claim.attempt, name, ciphertext: resolved.ciphertext })
    }
    contexts.set(claim, { ...context, secrets: own })
  }
  // Recorded before any command of these attempts exists, so every final state finds them.
  await recordSecretGrants(db, grants)
}

/** The result with every secret value the step could read replaced by `***`. */
export function redactStepResult(result: StepResult, context: ExpressionContext | undefined): StepResult {
  const values = context?.secrets ? Object.values(context.secrets) : []
  return values.length === 0 ? result : redactSecrets(result, values)
}

/** The runner's StepSecrets port, passed to startRunner by whoever composes it. */
export const stepSecrets: StepSecrets = { attach: attachStepSecrets, redact: redactStepResult }
