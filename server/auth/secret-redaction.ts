// Replaces known secret values with `***` wherever they occur in a value: strings, object keys,
// nested arrays. Used on step results before they are stored, evented or streamed.
export const REDACTED = '***'

/** Longest first, so a secret containing another one is replaced whole. */
function ordered(values: Iterable<string>): string[] {
  return [...new Set(values)].filter((v) => v.length > 0).sort((a, b) => b.length - a.length)
}

export function redactText(text: string, values: readonly string[]): string {
  let out = text
  for (const value of values) if (out.includes(value)) out = out.split(value).join(REDACTED)
  return out
}

function walk(value: unknown, values: readonly string[], depth: number): unknown {
  if (typeof value === 'string') return redactText(value, values)
  if (typeof value !== 'object' || value === null || depth > 200) return value
  if (Array.isArray(value)) return value.map((v) => walk(v, values, depth + 1))
  if (value instanceof Date) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[redactText(k, values)] = walk(v, values, depth + 1)
  return out
}

/** A copy of `value` with every occurrence of the secret values replaced; `value` itself when there are none. */
export function redactSecrets<T>(value: T, secretValues: Iterable<string> | undefined): T {
  if (!secretValues) return value
  const values = ordered(secretValues)
  if (values.length === 0) return value
  return walk(value, values, 0) as T
}
