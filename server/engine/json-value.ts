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
