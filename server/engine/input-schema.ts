// Run inputs: a JSON-Schema subset the UI renders as a form, and the validator for submitted values.
import { z } from 'zod'
import { ZIdentifier } from './identifier'
import { findJsonProblems } from '@/contracts/json-guard'
import { ZJsonValue, isJsonObject, type JsonValue } from './json-value'
import { issue, jsonProblemIssue, type WorkflowIssue } from './workflow-issues'

/** Run inputs as JSON, however they arrive (API, webhook, schedule, child workflow). */
export const MAX_RUN_INPUT_BYTES = 1_048_576

export const INPUT_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object'] as const
export type TInputType = (typeof INPUT_TYPES)[number]

export const ZInputProperty = z.strictObject({
  type: z.enum(INPUT_TYPES),
  title: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  default: ZJsonValue.optional(),
  enum: z.array(ZJsonValue).min(1).optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  minLength: z.number().int().min(0).optional(),
  maxLength: z.number().int().min(0).optional(),
  items: z.strictObject({ type: z.enum(INPUT_TYPES) }).optional(),
})
export type TInputProperty = z.infer<typeof ZInputProperty>

export const ZInputSchema = z
  .strictObject({
    type: z.literal('object'),
    properties: z.record(ZIdentifier, ZInputProperty),
    required: z.array(z.string()).optional(),
  })
  .describe('Run inputs, a JSON Schema subset rendered as a form')
export type TInputSchema = z.infer<typeof ZInputSchema>

export type RunInputsResult =
  { ok: true; values: Record<string, JsonValue> } | { ok: false; issues: WorkflowIssue[] }

function typeOfJson(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

/** The JSON scalar types that run inputs and template variables share. */
export function matchesScalarType(type: 'string' | 'number' | 'integer' | 'boolean', value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string'
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value)
    case 'boolean':
      return typeof value === 'boolean'
  }
}

function matchesType(type: TInputType, value: unknown): boolean {
  if (type === 'array') return Array.isArray(value)
  if (type === 'object') return isJsonObject(value)
  return matchesScalarType(type, value)
}

/** Problems with one value against its property declaration (empty when it fits). */
export function checkInputValue(
  name: string,
  prop: TInputProperty,
  value: unknown,
  path: (string | number)[],
): WorkflowIssue[] {
  const fail = (message: string): WorkflowIssue[] => [issue({ code: 'invalid_run_input', message, path })]
  if (!matchesType(prop.type, value)) {
    return fail(
      `Input "${name}" must be ${prop.type === 'integer' ? 'an integer' : `a ${prop.type}`}, got ${typeOfJson(value)}.`,
    )
  }
  if (prop.enum && !prop.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))) {
    return fail(`Input "${name}" must be one of ${prop.enum.map((v) => JSON.stringify(v)).join(', ')}.`)
  }
  if (typeof value === 'number') {
    if (prop.minimum !== undefined && value < prop.minimum)
      return fail(`Input "${name}" must be at least ${prop.minimum}.`)
    if (prop.maximum !== undefined && value > prop.maximum)
      return fail(`Input "${name}" must be at most ${prop.maximum}.`)
  }
  if (typeof value === 'string' || Array.isArray(value)) {
    const unit = typeof value === 'string' ? 'characters' : 'items'
    if (prop.minLength !== undefined && value.length < prop.minLength) {
      return fail(`Input "${name}" must have at least ${prop.minLength} ${unit}.`)
    }
    if (prop.maxLength !== undefined && value.length > prop.maxLength) {
      return fail(`Input "${name}" must have at most ${prop.maxLength} ${unit}.`)
    }
  }
  if (Array.isArray(value) && prop.items) {
    const itemType = prop.items.type
    const bad = value.findIndex((item) => !matchesType(itemType, item))
    if (bad >= 0)
      return fail(`Input "${name}" item ${bad} must be of type ${itemType}, got ${typeOfJson(value[bad])}.`)
  }
  return []
}

/**
 * Checks submitted run inputs against the workflow's input schema, reporting every
 * problem (path `inputs.<name>`), and returns the values with defaults applied.
 */
export function validateRunInputs(schema: TInputSchema | undefined, values: unknown): RunInputsResult {
  const given = values === undefined || values === null ? {} : values
  if (!isJsonObject(given)) {
    return {
      ok: false,
      issues: [
        issue({ code: 'invalid_run_input', message: 'Run inputs must be a JSON object.', path: ['inputs'] }),
      ],
    }
  }
  const unsafe = findJsonProblems(given, { path: ['inputs'], maxBytes: MAX_RUN_INPUT_BYTES })
  if (unsafe.length > 0) {
    return { ok: false, issues: unsafe.map((found) => jsonProblemIssue(found, 'invalid_run_input')) }
  }
  if (!schema) return { ok: true, values: { ...given } }
  const issues: WorkflowIssue[] = []
  const out: Record<string, JsonValue> = {}
  const required = new Set(schema.required ?? [])
  for (const [name, prop] of Object.entries(schema.properties)) {
    const value = Object.hasOwn(given, name) ? given[name] : undefined
    if (value === undefined) {
      if (prop.default !== undefined) out[name] = prop.default
      else if (required.has(name)) {
        issues.push(
          issue({
            code: 'invalid_run_input',
            message: `Input "${name}" is required.`,
            path: ['inputs', name],
          }),
        )
      }
      continue
    }
    const problems = checkInputValue(name, prop, value, ['inputs', name])
    if (problems.length > 0) issues.push(...problems)
    else out[name] = value
  }
  const declared = Object.keys(schema.properties)
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(schema.properties, name)) {
      issues.push(
        issue({
          code: 'invalid_run_input',
          message: `Unknown input "${name}"; this workflow declares ${declared.length ? declared.join(', ') : 'no inputs'}.`,
          path: ['inputs', name],
        }),
      )
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, values: out }
}

/** Consistency of a declared input schema: required names exist, defaults and enums fit their type. */
export function checkInputSchema(
  schema: TInputSchema,
  path: (string | number)[] = ['inputs'],
): WorkflowIssue[] {
  const issues: WorkflowIssue[] = []
  const report = (message: string, at: (string | number)[]) =>
    issues.push(issue({ code: 'invalid_input_schema', message, path: [...path, ...at] }))
  ;(schema.required ?? []).forEach((name, i) => {
    if (!Object.hasOwn(schema.properties, name)) {
      report(
        `Required input "${name}" is not declared in inputs.properties; declare it or remove it from required.`,
        ['required', i],
      )
    }
  })
  for (const [name, prop] of Object.entries(schema.properties)) {
    if (prop.default !== undefined) {
      const problem = checkInputValue(name, prop, prop.default, [])[0]
      if (problem)
        report(`The default of input "${name}" is invalid: ${problem.message}`, [
          'properties',
          name,
          'default',
        ])
    }
    prop.enum?.forEach((option, i) => {
      const { enum: _ignored, ...withoutEnum } = prop
      const problem = checkInputValue(name, withoutEnum, option, [])[0]
      if (problem)
        report(`Option ${JSON.stringify(option)} of input "${name}" is invalid: ${problem.message}`, [
          'properties',
          name,
          'enum',
          i,
        ])
    })
    if (prop.minimum !== undefined && prop.maximum !== undefined && prop.minimum > prop.maximum) {
      report(`Input "${name}" has minimum ${prop.minimum} greater than maximum ${prop.maximum}.`, [
        'properties',
        name,
        'minimum',
      ])
    }
    if (prop.minLength !== undefined && prop.maxLength !== undefined && prop.minLength > prop.maxLength) {
      report(`Input "${name}" has minLength ${prop.minLength} greater than maxLength ${prop.maxLength}.`, [
        'properties',
        name,
        'minLength',
      ])
    }
    if (prop.items && prop.type !== 'array')
      report(`Input "${name}" has "items" but is not an array; remove items or set type to "array".`, [
        'properties',
        name,
        'items',
      ])
  }
  return issues
}
