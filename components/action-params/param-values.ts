// Reading and writing one field of an action's params object, and the `{{ }}` expression rule:
// any field may hold a template string, which the runner evaluates, so the form does not type-check it.
import type { ParamForm, ParamPath } from './param-schema'

export type Params = Record<string, unknown>

/** A string with a `{{ … }}` part: evaluated at run time, so its type is not known in the editor. */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && /\{\{[\s\S]*\}\}/.test(value)
}

const isRecord = (value: unknown): value is Params =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function paramAt(params: unknown, path: ParamPath): unknown {
  let current: unknown = params
  for (const key of path) {
    if (!isRecord(current)) return undefined
    current = current[key]
  }
  return current
}

/** A copy of `params` with `path` set; `undefined` removes the key, and an object left empty goes with it. */
export function setParam(params: Params, path: ParamPath, value: unknown): Params {
  const [head, ...rest] = path
  if (head === undefined) return params
  const next: Params = { ...params }
  const inner = rest.length === 0 ? value : setParam(isRecord(params[head]) ? params[head] : {}, rest, value)
  if (inner === undefined || (rest.length > 0 && isRecord(inner) && Object.keys(inner).length === 0))
    delete next[head]
  else next[head] = inner
  return next
}

/** What a number input holds: a number, nothing, or a message when the text is not a number. */
export function parseNumberText(
  text: string,
  integer: boolean,
): { value: number | undefined } | { error: string } {
  const trimmed = text.trim()
  if (trimmed === '') return { value: undefined }
  const value = Number(trimmed)
  if (!Number.isFinite(value)) return { error: 'Must be a number.' }
  if (integer && !Number.isInteger(value)) return { error: 'Must be a whole number.' }
  return { value }
}

/** A comma-separated list as typed, to the list of strings it means (empty: unset). */
export function parseListText(text: string): string[] | undefined {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  return items.length > 0 ? items : undefined
}

/** Keys the params hold that the form has no field for, so the user knows to look in raw JSON. */
export function extraKeys(form: ParamForm, params: Params): string[] {
  const known = new Set(form.fields.map((f) => f.key))
  return Object.keys(params).filter((k) => !known.has(k))
}
