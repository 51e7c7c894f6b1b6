// Reads an action's announced JSON Schema into the fields a generated params form can render:
// strings, numbers, booleans, enums, lists of strings and nested objects; anything else stays raw JSON.
export type ParamPath = readonly string[]

interface FieldBase {
  key: string
  path: ParamPath
  required: boolean
  description?: string
  default?: unknown
}

export type ParamField =
  | (FieldBase & { kind: 'string'; minLength?: number; maxLength?: number; pattern?: string })
  | (FieldBase & { kind: 'number'; integer: boolean; minimum?: number; maximum?: number })
  | (FieldBase & { kind: 'boolean' })
  | (FieldBase & { kind: 'enum'; options: readonly (string | number | boolean)[] })
  | (FieldBase & { kind: 'string-list'; minItems?: number; maxItems?: number })
  | (FieldBase & { kind: 'object'; form: ParamForm })
  /** A value the form cannot edit field by field (a union, a list of objects, too deep): raw JSON. */
  | (FieldBase & { kind: 'json' })

export interface ParamForm {
  fields: ParamField[]
  /** Keys the schema does not name are allowed (no `additionalProperties: false`). */
  openKeys: boolean
}

/** Nested objects deeper than this render as raw JSON. */
export const MAX_FORM_DEPTH = 3

type Schema = Record<string, unknown>

const isRecord = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const numberOr = (value: unknown) => (typeof value === 'number' ? value : undefined)

/** `T | null` (zod's nullable, `type: [T, "null"]`) reads as `T`: the form leaves an unset field out. */
function withoutNull(schema: Schema): Schema {
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((t) => t !== 'null')
    return types.length === 1 ? { ...schema, type: types[0] } : schema
  }
  const union = Array.isArray(schema.anyOf)
    ? schema.anyOf
    : Array.isArray(schema.oneOf)
      ? schema.oneOf
      : undefined
  if (!union) return schema
  const branches = union.filter((b) => isRecord(b) && b.type !== 'null')
  if (branches.length !== 1 || !isRecord(branches[0])) return schema
  const { anyOf: _a, oneOf: _o, ...rest } = schema
  return { ...rest, ...branches[0] }
}

function enumOf(schema: Schema): (string | number | boolean)[] | undefined {
  const values = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : undefined
  if (!values || values.length === 0) return undefined
  const plain = values.filter((v) => ['string', 'number', 'boolean'].includes(typeof v))
  return plain.length === values.length ? (plain as (string | number | boolean)[]) : undefined
}

function describeField(
  key: string,
  path: ParamPath,
  raw: Schema,
  required: boolean,
  depth: number,
): ParamField {
  const schema = withoutNull(raw)
  const base: FieldBase = {
    key,
    path,
    required,
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
    ...('default' in schema ? { default: schema.default } : {}),
  }
  const options = enumOf(schema)
  if (options) return { ...base, kind: 'enum', options }
  switch (schema.type) {
    case 'string': {
      const pattern = typeof schema.pattern === 'string' ? schema.pattern : undefined
      return {
        ...base,
        kind: 'string',
        minLength: numberOr(schema.minLength),
        maxLength: numberOr(schema.maxLength),
        pattern,
      }
    }
    case 'number':
    case 'integer':
      return {
        ...base,
        kind: 'number',
        integer: schema.type === 'integer',
        minimum: numberOr(schema.minimum) ?? numberOr(schema.exclusiveMinimum),
        maximum: numberOr(schema.maximum) ?? numberOr(schema.exclusiveMaximum),
      }
    case 'boolean':
      return { ...base, kind: 'boolean' }
    case 'array':
      if (isRecord(schema.items) && withoutNull(schema.items).type === 'string' && !enumOf(schema.items))
        return {
          ...base,
          kind: 'string-list',
          minItems: numberOr(schema.minItems),
          maxItems: numberOr(schema.maxItems),
        }
      return { ...base, kind: 'json' }
    case 'object': {
      const form = depth < MAX_FORM_DEPTH ? describeObject(schema, path, depth + 1) : undefined
      return form && form.fields.length > 0 ? { ...base, kind: 'object', form } : { ...base, kind: 'json' }
    }
    default:
      return { ...base, kind: 'json' }
  }
}

function describeObject(schema: Schema, path: ParamPath, depth: number): ParamForm {
  const properties = isRecord(schema.properties) ? schema.properties : {}
  const required = new Set(
    Array.isArray(schema.required) ? schema.required.filter((k) => typeof k === 'string') : [],
  )
  const fields = Object.entries(properties)
    .filter((entry): entry is [string, Schema] => isRecord(entry[1]))
    .map(([key, property]) => describeField(key, [...path, key], property, required.has(key), depth))
  // Stored schemas (jsonb) lose their key order: required fields come first, then the rest by name.
  fields.sort((a, b) => Number(b.required) - Number(a.required) || a.key.localeCompare(b.key))
  return { fields, openKeys: schema.additionalProperties !== false }
}

/** The form for an action's params schema; undefined when the schema is not an object with properties. */
export function describeParamsForm(schema: unknown): ParamForm | undefined {
  if (!isRecord(schema)) return undefined
  const root = withoutNull(schema)
  if (root.type !== 'object' || !isRecord(root.properties) || Object.keys(root.properties).length === 0)
    return undefined
  return describeObject(root, [], 1)
}
