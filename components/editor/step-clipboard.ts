// Copy, paste and duplicate of steps as JSON. Pasted steps get fresh ids where theirs are
// taken; edges among them are kept, edges to steps that are not there are dropped.
import type { TDependency } from '@/server/engine/step-common'
import type { StepDoc, WorkflowDoc } from '@/components/canvas/canvas-types'
import { readDependency, toDependency } from '@/components/canvas/flow-document'
import { uniqueStepId } from './graph-edits'

export const CLIPBOARD_KIND = 'relayflow/steps'

export function copySteps(doc: WorkflowDoc, ids: ReadonlySet<string>): string {
  const steps = doc.steps.filter((s) => ids.has(s.id))
  return JSON.stringify({ kind: CLIPBOARD_KIND, steps }, null, 2)
}

export type ParsedClipboard = { ok: true; steps: StepDoc[] } | { ok: false; reason: string }

function isStepLike(value: unknown): value is StepDoc {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const v = value as { id?: unknown; type?: unknown }
  return typeof v.id === 'string' && typeof v.type === 'string'
}

/** Accepts what copySteps writes, a list of steps, one step, or a whole workflow document. */
export function parseClipboard(text: string): ParsedClipboard {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, reason: 'The clipboard does not hold workflow steps (it is not JSON).' }
  }
  const list: unknown =
    typeof value === 'object' && value !== null && 'steps' in value ? (value).steps : value
  const items = Array.isArray(list) ? list : [list]
  if (items.length === 0 || !items.every(isStepLike)) {
    return {
      ok: false,
      reason: 'The clipboard JSON is not a list of steps; each step needs a string "id" and "type".',
    }
  }
  return { ok: true, steps: items }
}

/**
 * Adds copies of `steps` to the document, shifted by `offset`. Returns the new document and
 * the ids the copies got (to select them).
 */
export function pasteSteps(
  doc: WorkflowDoc,
  steps: readonly StepDoc[],
  offset = { x: 40, y: 40 },
): { doc: WorkflowDoc; ids: string[] } {
  const taken = new Set(doc.steps.map((s) => s.id))
  const renamed = new Map<string, string>()
  for (const step of steps) {
    const base = step.id.replace(/_\d+$/, '') || step.type
    const id = taken.has(step.id) || renamed.has(step.id) ? uniqueStepId(base, taken) : step.id
    taken.add(id)
    renamed.set(step.id, id)
  }
  const copies = steps.map((step, index) => {
    const { onSuccess: _s, onFailure: _f, ...rest } = step
    const deps: TDependency[] = []
    for (const dep of step.dependencies ?? []) {
      const read = readDependency(dep)
      const from = read ? renamed.get(read.from) : undefined
      if (read && from) deps.push(toDependency(from, read.kind))
    }
    const position = step.position ?? { x: index * 40, y: index * 40 }
    const copy = {
      ...rest,
      id: renamed.get(step.id) ?? step.id,
      position: { x: position.x + offset.x, y: position.y + offset.y },
    } as StepDoc
    if (deps.length > 0) copy.dependencies = deps
    else delete copy.dependencies
    return copy
  })
  return { doc: { ...doc, steps: [...doc.steps, ...copies] }, ids: copies.map((c) => c.id) }
}
