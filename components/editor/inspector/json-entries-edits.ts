// Pure edits of a name → JSON value map edited as a list of rows (workflow and step variables,
// extra metadata): add, remove, rename in place, set one value, and check a new name.
import type { JsonValue } from '@/server/engine/json-value'
import { isIdentifier } from '@/server/engine/identifier'

export type JsonEntries = Record<string, JsonValue>

/** The map being edited; anything that is not an object reads as empty. */
export function entriesOf(value: unknown): JsonEntries {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonEntries) : {}
}

/** Adds `<prefix>_<n>` with the first free n, holding an empty string. */
export function addEntry(entries: JsonEntries, prefix: string): { entries: JsonEntries; name: string } {
  let n = 1
  while (Object.hasOwn(entries, `${prefix}_${n}`)) n++
  const name = `${prefix}_${n}`
  return { entries: { ...entries, [name]: '' }, name }
}

/** Without `name`; undefined when nothing is left, so the field disappears from the document. */
export function removeEntry(entries: JsonEntries, name: string): JsonEntries | undefined {
  const { [name]: _gone, ...rest } = entries
  return Object.keys(rest).length > 0 ? rest : undefined
}

/** Renames in place, keeping the order of the rows. Check the name first. */
export function renameEntry(entries: JsonEntries, from: string, to: string): JsonEntries {
  if (from === to || !Object.hasOwn(entries, from)) return entries
  return Object.fromEntries(Object.entries(entries).map(([k, v]) => [k === from ? to : k, v]))
}

export function setEntry(entries: JsonEntries, name: string, value: JsonValue): JsonEntries {
  return { ...entries, [name]: value }
}

/** Why `to` cannot replace `from` as a name, or undefined; `identifier` demands a variable name. */
export function checkEntryName(
  entries: JsonEntries,
  from: string,
  to: string,
  rule: { identifier: boolean; reserved?: readonly string[] },
): string | undefined {
  if (to === from) return undefined
  if (to.trim() === '') return 'A name cannot be empty.'
  const name: string = to
  if (rule.identifier && !isIdentifier(to))
    return `"${name}" is not a variable name: start with a letter or _, then letters, digits or _ (no reserved words).`
  if (rule.reserved?.includes(to)) return `"${to}" has its own field above.`
  if (Object.hasOwn(entries, to)) return `Another row is already called "${to}".`
  return undefined
}

/** `base` with each key of `patch` set, or removed where the patch holds undefined; undefined when empty. */
export function withKeys<T extends Record<string, unknown>>(
  base: T | undefined,
  patch: Record<string, unknown>,
): T | undefined {
  const next: Record<string, unknown> = { ...(base ?? {}) }
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete next[key]
    else next[key] = value
  }
  return Object.keys(next).length > 0 ? (next as T) : undefined
}
