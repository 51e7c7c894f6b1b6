// Checks params against the generated form, field by field, returning every problem with its path:
// a missing required field, a wrong type, a value out of range or not among the choices.
import type { ParamField, ParamForm, ParamPath } from './param-schema'
import { isExpression, paramAt } from './param-values'

export interface ParamIssue {
  path: ParamPath
  message: string
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function checkString(field: Extract<ParamField, { kind: 'string' }>, value: unknown): string | undefined {
  if (typeof value !== 'string') return 'Must be text.'
  if (field.minLength !== undefined && value.length < field.minLength)
    return field.minLength === 1 ? 'Required.' : `At least ${field.minLength} characters.`
  if (field.maxLength !== undefined && value.length > field.maxLength)
    return `At most ${field.maxLength} characters.`
  if (field.pattern !== undefined) {
    try {
      if (!new RegExp(field.pattern, 'u').test(value)) return `Must match ${field.pattern}.`
    } catch {
      return undefined
    }
  }
  return undefined
}

function checkNumber(field: Extract<ParamField, { kind: 'number' }>, value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'Must be a number.'
  if (field.integer && !Number.isInteger(value)) return 'Must be a whole number.'
  if (field.minimum !== undefined && value < field.minimum) return `At least ${field.minimum}.`
  if (field.maximum !== undefined && value > field.maximum) return `At most ${field.maximum}.`
  return undefined
}

function checkList(field: Extract<ParamField, { kind: 'string-list' }>, value: unknown): string | undefined {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    return 'Must be a list of text values.'
  if (field.minItems !== undefined && value.length < field.minItems)
    return `At least ${field.minItems} items.`
  if (field.maxItems !== undefined && value.length > field.maxItems) return `At most ${field.maxItems} items.`
  return undefined
}

/** The problem with one present value, not looking inside nested objects. */
function checkValue(field: ParamField, value: unknown): string | undefined {
  if (isExpression(value)) return undefined
  switch (field.kind) {
    case 'string':
      return checkString(field, value)
    case 'number':
      return checkNumber(field, value)
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'Must be true or false.'
    case 'enum':
      return field.options.includes(value as never)
        ? undefined
        : `Must be one of ${field.options.map(String).join(', ')}.`
    case 'string-list':
      return checkList(field, value)
    case 'object':
      return isRecord(value) ? undefined : 'Must be an object.'
    case 'json':
      return undefined
  }
}

function checkForm(form: ParamForm, params: unknown, issues: ParamIssue[]): void {
  for (const field of form.fields) {
    const value = paramAt(params, field.path)
    if (value === undefined) {
      if (field.required && field.default === undefined)
        issues.push({ path: field.path, message: 'Required.' })
      continue
    }
    const problem = checkValue(field, value)
    if (problem) issues.push({ path: field.path, message: problem })
    else if (field.kind === 'object') checkForm(field.form, params, issues)
  }
}

/** Every problem of `params` against the form, including keys a closed schema does not name. */
export function findParamIssues(form: ParamForm, params: unknown): ParamIssue[] {
  const issues: ParamIssue[] = []
  checkForm(form, params, issues)
  if (!form.openKeys && isRecord(params)) {
    const known = new Set(form.fields.map((f) => f.key))
    for (const key of Object.keys(params))
      if (!known.has(key)) issues.push({ path: [key], message: `Not a parameter of this action.` })
  }
  return issues
}

/** The issues at exactly `path`, for one field's inline message. */
export function issuesAt(issues: readonly ParamIssue[], path: ParamPath): ParamIssue[] {
  return issues.filter((i) => i.path.length === path.length && i.path.every((k, n) => k === path[n]))
}
