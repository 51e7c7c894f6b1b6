// Finds the `[[ name ]]` placeholders in a workflow document, so "Save as template" can offer
// them as the template's variables.
import { isIdentifier } from '@/server/engine/identifier'

const PLACEHOLDER = /\[\[\s*([^\]]*?)\s*\]\]/g

/** Names of the placeholders in every string of `value`, in first-seen order, valid names only. */
export function findPlaceholders(value: unknown): string[] {
  const found = new Set<string>()
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const match of v.matchAll(PLACEHOLDER)) if (isIdentifier(match[1])) found.add(match[1])
    } else if (Array.isArray(v)) v.forEach(visit)
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(visit)
  }
  visit(value)
  return [...found]
}
