// Workflow templates: a workflow document with `[[ name ]]` placeholders plus declared,
// typed variables. Instantiating substitutes them and validates the result as a workflow.
import { z } from 'zod'
import { ZIdentifier } from './identifier'
import { ZJsonValue, isJsonObject, type JsonValue } from './json-value'
import { matchesScalarType } from './input-schema'
import { mapSchemaIssues } from './schema-issues'
import { validateWorkflow } from './validate-workflow'
import type { TWorkflowDefinition } from './workflow-schema'
import { issue, type WorkflowIssue } from './workflow-issues'

export const TEMPLATE_VARIABLE_TYPES = ['string', 'number', 'integer', 'boolean', 'string[]'] as const
export type TTemplateVariableType = (typeof TEMPLATE_VARIABLE_TYPES)[number]

export const ZTemplateVariable = z.strictObject({
  name: ZIdentifier,
  type: z.enum(TEMPLATE_VARIABLE_TYPES),
  description: z.string().max(500).optional(),
  default: ZJsonValue.optional(),
  required: z.boolean().optional(),
})
export type TTemplateVariable = z.infer<typeof ZTemplateVariable>

export const ZWorkflowTemplate = z.strictObject({
  name: z.string().trim().min(1).max(120),
  description: z.string().max(2000).optional(),
  category: z.string().max(60).optional(),
  variables: z.array(ZTemplateVariable).max(50),
  workflow: z
    .record(z.string(), z.unknown())
    .describe('A workflow document whose strings may contain [[ variable ]] placeholders'),
})
export type TWorkflowTemplate = z.infer<typeof ZWorkflowTemplate>

export type InstantiateResult =
  | { ok: true; workflow: TWorkflowDefinition; warnings: WorkflowIssue[] }
  | { ok: false; issues: WorkflowIssue[] }

const PLACEHOLDER = /\[\[\s*([^\]]*?)\s*\]\]/g
const WHOLE_PLACEHOLDER = /^\s*\[\[\s*([^\]]*?)\s*\]\]\s*$/

const ZERO_VALUES: Record<TTemplateVariableType, JsonValue> = {
  string: '',
  number: 0,
  integer: 0,
  boolean: false,
  'string[]': [],
}
const SAMPLE_VALUES: Record<TTemplateVariableType, JsonValue> = {
  string: 'sample',
  number: 1,
  integer: 1,
  boolean: true,
  'string[]': ['sample'],
}

export function matchesTemplateType(type: TTemplateVariableType, value: unknown): boolean {
  if (type === 'string[]') return Array.isArray(value) && value.every((entry) => typeof entry === 'string')
  return matchesScalarType(type, value)
}

/** Resolves every variable (given value, else default, else the type's zero value unless required). */
function resolveValues(
  variables: readonly TTemplateVariable[],
  values: unknown,
): { resolved: Map<string, JsonValue>; issues: WorkflowIssue[] } {
  const issues: WorkflowIssue[] = []
  const resolved = new Map<string, JsonValue>()
  const given = isJsonObject(values) ? values : {}
  if (values !== undefined && values !== null && !isJsonObject(values)) {
    issues.push(
      issue({
        code: 'invalid_template_variable',
        message: 'Template values must be an object of variable name to value.',
        path: ['variables'],
      }),
    )
  }
  for (const variable of variables) {
    const path = ['variables', variable.name]
    const value: unknown = Object.hasOwn(given, variable.name) ? given[variable.name] : variable.default
    if (value === undefined || value === null) {
      if (variable.required === true)
        issues.push(
          issue({
            code: 'invalid_template_variable',
            message: `Template variable "${variable.name}" is required; provide a ${variable.type} value.`,
            path,
          }),
        )
      else resolved.set(variable.name, ZERO_VALUES[variable.type])
      continue
    }
    if (!matchesTemplateType(variable.type, value)) {
      issues.push(
        issue({
          code: 'invalid_template_variable',
          message: `Template variable "${variable.name}" must be ${variable.type === 'integer' ? 'an integer' : `a ${variable.type}`}, got ${JSON.stringify(value)}.`,
          path,
        }),
      )
      continue
    }
    resolved.set(variable.name, value as JsonValue)
  }
  const declared = new Set(variables.map((v) => v.name))
  for (const name of Object.keys(given)) {
    if (!declared.has(name)) {
      issues.push(
        issue({
          code: 'invalid_template_variable',
          message: `Unknown template variable "${name}"; this template declares ${[...declared].join(', ') || 'no variables'}.`,
          path: ['variables', name],
        }),
      )
    }
  }
  return { resolved, issues }
}

function interpolate(value: JsonValue): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value))
    return value.map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry))).join(', ')
  return JSON.stringify(value)
}

/** Replaces placeholders throughout a JSON value; unknown names are reported (path under `workflow`). */
function substitute(
  value: unknown,
  resolved: ReadonlyMap<string, JsonValue>,
  path: (string | number)[],
  issues: WorkflowIssue[],
): unknown {
  if (typeof value === 'string') {
    if (!value.includes('[[')) return value
    const whole = WHOLE_PLACEHOLDER.exec(value)
    if (whole && resolved.has(whole[1] ?? '')) return resolved.get(whole[1] ?? '')
    return value.replace(PLACEHOLDER, (match, name: string, offset: number) => {
      const replacement = resolved.get(name)
      if (replacement !== undefined) return interpolate(replacement)
      issues.push(
        issue({
          code: 'unknown_placeholder',
          message: `Placeholder "[[ ${name} ]]" names no declared template variable; declare "${name}" or fix the name.`,
          path,
          range: { start: offset, end: offset + match.length },
        }),
      )
      return match
    })
  }
  if (Array.isArray(value)) return value.map((entry, i) => substitute(entry, resolved, [...path, i], issues))
  if (isJsonObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [key, substitute(entry, resolved, [...path, key], issues)]),
    )
  }
  return value
}

/** Instantiates a template: checks values, substitutes placeholders and validates the resulting workflow. */
export function instantiateTemplate(
  template: TWorkflowTemplate,
  values: unknown,
  overrides?: { name?: string },
): InstantiateResult {
  const { resolved, issues } = resolveValues(template.variables, values)
  if (issues.length > 0) return { ok: false, issues }
  const substituted = substitute(template.workflow, resolved, ['workflow'], issues)
  if (issues.length > 0) return { ok: false, issues }
  const document = isJsonObject(substituted) ? { ...substituted } : {}
  if (overrides?.name !== undefined) document.name = overrides.name
  const validated = validateWorkflow(document)
  return validated.ok
    ? { ok: true, workflow: validated.workflow, warnings: validated.warnings }
    : { ok: false, issues: validated.issues }
}

function placeholderNames(value: unknown, out: Set<string>): Set<string> {
  if (typeof value === 'string') for (const match of value.matchAll(PLACEHOLDER)) out.add(match[1] ?? '')
  else if (Array.isArray(value)) value.forEach((entry) => placeholderNames(entry, out))
  else if (isJsonObject(value)) Object.values(value).forEach((entry) => placeholderNames(entry, out))
  return out
}

/**
 * Checks a template: its shape, its declared variables (unique names, defaults of the right type)
 * and that instantiating with defaults (or type-correct samples) yields a valid workflow.
 */
export function validateTemplate(
  input: unknown,
): { ok: true; warnings: WorkflowIssue[] } | { ok: false; issues: WorkflowIssue[] } {
  const parsed = ZWorkflowTemplate.safeParse(input)
  if (!parsed.success) return { ok: false, issues: mapSchemaIssues(parsed.error.issues, input) }
  const template = parsed.data
  const issues: WorkflowIssue[] = []
  const seen = new Set<string>()
  template.variables.forEach((variable, i) => {
    if (seen.has(variable.name))
      issues.push(
        issue({
          code: 'invalid_template_variable',
          message: `Template variable "${variable.name}" is declared twice; remove one.`,
          path: ['variables', i, 'name'],
        }),
      )
    seen.add(variable.name)
    if (variable.default !== undefined && !matchesTemplateType(variable.type, variable.default)) {
      issues.push(
        issue({
          code: 'invalid_template_variable',
          message: `The default of "${variable.name}" must be of type ${variable.type}.`,
          path: ['variables', i, 'default'],
        }),
      )
    }
  })
  const used = placeholderNames(template.workflow, new Set())
  template.variables.forEach((variable, i) => {
    if (!used.has(variable.name))
      issues.push(
        issue({
          code: 'invalid_template_variable',
          severity: 'warning',
          message: `Template variable "${variable.name}" is never used; add a [[ ${variable.name} ]] placeholder or remove it.`,
          path: ['variables', i],
        }),
      )
  })
  if (issues.some((found) => found.severity === 'error')) return { ok: false, issues }
  const samples = Object.fromEntries(
    template.variables.map((v) => [v.name, v.default ?? SAMPLE_VALUES[v.type]]),
  )
  const instantiated = instantiateTemplate(template, samples)
  if (!instantiated.ok) return { ok: false, issues: [...issues, ...instantiated.issues] }
  return { ok: true, warnings: [...issues, ...instantiated.warnings] }
}
