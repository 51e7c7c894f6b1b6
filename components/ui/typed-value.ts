// Typed values typed in as text. Template variables, run inputs and the defaults of the
// input-schema builder share these field types, so every form parses and reports alike.
import type { TInputSchema } from '@/server/engine/input-schema'
import type { WorkflowIssue } from '@/server/engine/workflow-issues'
import type { TTemplateVariable } from '@/server/engine/workflow-template'

export type ValueType = 'string' | 'number' | 'integer' | 'boolean' | 'string[]' | 'array' | 'object'

export interface ValueSpec {
  name: string
  type: ValueType
  required?: boolean
  description?: string
  default?: unknown
  /** The allowed values (a JSON Schema enum), offered as a choice. */
  options?: readonly unknown[]
  /** The item type of an `array`. */
  itemType?: string
}

export type ParsedValue = { ok: true; value: unknown } | { ok: false; message: string }

/** How an option or value is written in a form control. */
export function formatOption(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

export function formatValue(spec: Pick<ValueSpec, 'type'>, value: unknown): string {
  if (value === undefined || value === null) return ''
  const isPlainList = Array.isArray(value) && value.every((v) => typeof v === 'string' && !v.includes(','))
  if ((spec.type === 'string[]' || spec.type === 'array') && isPlainList) return value.join(', ')
  return formatOption(value)
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

function parseListItem(text: string, itemType: string | undefined): unknown {
  if (itemType === 'number' || itemType === 'integer')
    return Number.isFinite(Number(text)) ? Number(text) : text
  if (itemType === 'boolean') return text === 'true' ? true : text === 'false' ? false : text
  return text
}

/**
 * Parses what was typed for one field. An empty field is "not given" (`value: undefined`):
 * the default then applies, and a required field without a default is refused.
 */
export function parseValueText(spec: ValueSpec, text: string): ParsedValue {
  const t = text.trim()
  const name = `"${spec.name}"`
  if (t === '') {
    const missing = spec.required === true && spec.default === undefined
    return missing ? { ok: false, message: `${name} is required.` } : { ok: true, value: undefined }
  }
  if (spec.options) {
    const found = spec.options.find((o) => formatOption(o) === text)
    if (found !== undefined) return { ok: true, value: found }
    return { ok: false, message: `${name} must be one of ${spec.options.map(formatOption).join(', ')}.` }
  }
  const fail = (what: string): ParsedValue => ({ ok: false, message: `${name} must be ${what}, got "${t}".` })
  switch (spec.type) {
    case 'string':
      return { ok: true, value: text }
    case 'number':
      return Number.isFinite(Number(t)) ? { ok: true, value: Number(t) } : fail('a number')
    case 'integer':
      return Number.isInteger(Number(t)) ? { ok: true, value: Number(t) } : fail('an integer')
    case 'boolean':
      return t === 'true' || t === 'false' ? { ok: true, value: t === 'true' } : fail('true or false')
    case 'string[]':
      return {
        ok: true,
        value: t
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      }
    case 'array': {
      if (!t.startsWith('[')) {
        return {
          ok: true,
          value: t
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
            .map((s) => parseListItem(s, spec.itemType)),
        }
      }
      const parsed = parseJson(t)
      return parsed.ok && Array.isArray(parsed.value)
        ? { ok: true, value: parsed.value }
        : fail('a JSON array or a comma-separated list')
    }
    case 'object': {
      const parsed = parseJson(t)
      const isObject =
        parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value)
      return isObject ? { ok: true, value: parsed.value } : fail('a JSON object such as {"key": "value"}')
    }
  }
}

export type FieldErrors = Readonly<Record<string, string>>

/** Parses every field; values holds only the fields that were given. */
export function collectValues(
  specs: readonly ValueSpec[],
  texts: Readonly<Record<string, string>>,
): { values: Record<string, unknown>; errors: FieldErrors } {
  const values: Record<string, unknown> = {}
  const errors: Record<string, string> = {}
  for (const spec of specs) {
    const parsed = parseValueText(spec, texts[spec.name] ?? '')
    if (!parsed.ok) errors[spec.name] = parsed.message
    else if (parsed.value !== undefined) values[spec.name] = parsed.value
  }
  return { values, errors }
}

export function initialTexts(specs: readonly ValueSpec[]): Record<string, string> {
  return Object.fromEntries(specs.map((s) => [s.name, formatValue(s, s.default)]))
}

export function templateVariableSpecs(variables: readonly TTemplateVariable[]): ValueSpec[] {
  return variables.map((v) => ({
    name: v.name,
    type: v.type,
    required: v.required === true,
    description: v.description,
    default: v.default,
  }))
}

export function inputSchemaSpecs(schema: TInputSchema | undefined): ValueSpec[] {
  if (!schema) return []
  const required = new Set(schema.required ?? [])
  return Object.entries(schema.properties).map(([name, p]) => ({
    name,
    type: p.type,
    required: required.has(name),
    description: p.description ?? p.title,
    default: p.default,
    options: p.enum,
    itemType: p.items?.type,
  }))
}

/**
 * Splits issues whose path names a field (`[root, name, …]`, e.g. ['inputs', 'version']) from
 * the rest, so forms show each problem under its own field.
 */
export function fieldErrorsFromIssues(
  issues: readonly WorkflowIssue[] | null | undefined,
  root: string,
  names: readonly string[],
): { fields: FieldErrors; rest: WorkflowIssue[] } {
  const known = new Set(names)
  const fields: Record<string, string> = {}
  const rest: WorkflowIssue[] = []
  for (const found of issues ?? []) {
    const [first, second] = found.path
    if (first === root && typeof second === 'string' && known.has(second)) {
      fields[second] = fields[second] ? `${fields[second]} ${found.message}` : found.message
    } else rest.push(found)
  }
  return { fields, rest }
}
