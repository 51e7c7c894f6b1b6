// JSON values as they appear in workflow documents (params, variables, metadata).
import { z } from 'zod'

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

export const ZJsonValue: z.ZodType<JsonValue> = z
  .lazy(() =>
    z.union([
      z.string(),
      z.number(),
      z.boolean(),
      z.null(),
      z.array(ZJsonValue),
      z.record(z.string(), ZJsonValue),
    ]),
  )
  .meta({ id: 'JsonValue', description: 'Any JSON value' })

export function isJsonObject(value: unknown): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Paths of strings (values or object keys) holding U+0000. PostgreSQL's jsonb cannot store that
 * character, so documents and inputs carrying it are refused with the field named.
 */
export function findNulCharacters(value: unknown, path: (string | number)[] = [], found: (string | number)[][] = []) {
  if (found.length >= 20) return found
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path)
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => findNulCharacters(item, [...path, i], found))
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) found.push([...path, key])
      else findNulCharacters(item, [...path, key], found)
    }
  }
  return found
}

export function describePath(path: (string | number)[]): string {
  return path.length === 0 ? 'the value' : path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replaceAll('.[', '[')
}
