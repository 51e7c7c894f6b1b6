// Which secrets a workflow reads: every `secrets.NAME` inside a `{{ }}` template of a step, with
// the step and field that names it. Pure; the pre-flight compares the names with the store.
import { compileExpression } from '@/server/engine/expressions'
import { findJsonProblems } from '@/contracts/json-guard'
import { getStepType, type TWorkflowStep } from '@/steps/registry'
import { hasTemplate, parseTemplate } from '@/server/engine/templating'
import { isWholeSecretReference } from '@/server/engine/validate-expressions'
import { ZWorkflowDefinition } from '@/server/engine/workflow-schema'

export interface SecretReference {
  name: string
  stepId: string
  /** Document path of the field, e.g. ['steps', 2, 'params', 'token']. */
  path: (string | number)[]
  /** `{{ secrets.NAME }}` alone in its braces; anything computed from a secret is not (validation refuses it). */
  whole: boolean
}

/** Secret names one step's templates read (cached per step object: steps are immutable once compiled). */
const perStep = new WeakMap<TWorkflowStep, SecretReference[]>()

export function stepSecretReferences(
  step: TWorkflowStep,
  stepPath: (string | number)[] = [],
): SecretReference[] {
  const cached = stepPath.length === 0 ? perStep.get(step) : undefined
  if (cached) return cached
  const out: SecretReference[] = []
  for (const field of getStepType(step.type)?.templateFields(step) ?? []) {
    if (!hasTemplate(field.value) || !field.value.includes('secrets')) continue
    const parsed = parseTemplate(field.value)
    if (!parsed.ok) continue
    for (const segment of parsed.segments) {
      if (segment.kind !== 'expression') continue
      const compiled = compileExpression(segment.source)
      if (!compiled.ok) continue
      for (const ref of compiled.program.references()) {
        if (ref.root === 'secrets' && ref.name !== undefined)
          out.push({
            name: ref.name,
            stepId: step.id,
            path: [...stepPath, ...field.path],
            whole: isWholeSecretReference(segment.source, ref),
          })
      }
    }
  }
  if (stepPath.length === 0) perStep.set(step, out)
  return out
}

/** Every secret reference in a workflow document; nothing for a document that does not parse. */
export function workflowSecretReferences(definition: unknown): SecretReference[] {
  let text: string
  try {
    text = JSON.stringify(definition) ?? ''
  } catch {
    return [] // too deep to serialise: validation reports it (json-guard.ts)
  }
  // Most documents name no secret at all; skip parsing those.
  if (!text.includes('secrets')) return []
  // A document the JSON guard refuses is reported by validation; it is not walked here.
  if (findJsonProblems(definition).length > 0) return []
  const parsed = ZWorkflowDefinition.safeParse(definition)
  if (!parsed.success) return []
  return parsed.data.steps.flatMap((step, index) => stepSecretReferences(step, ['steps', index]))
}
