// Maps zod issues to WorkflowIssues whose messages name the step and field and say what to do.
import type { z } from 'zod'
import { STEP_TYPE_NAMES } from '@/steps/registry'
import { formatIssuePath, issue, type WorkflowIssue, type WorkflowIssueCode } from './workflow-issues'

type ZodIssue = z.core.$ZodIssue
type Path = (string | number)[]

const DURATION_FIELDS = new Set(['timeout', 'duration', 'initialDelay', 'maxDelay', 'placementTimeout'])

function valueAt(root: unknown, path: Path): unknown {
  let current = root
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string | number, unknown>)[key]
  }
  return current
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return `${typeof value} ${value}`
  return typeof value
}

const ARTICLE: Record<string, string> = {
  object: 'an object',
  array: 'a list',
  integer: 'an integer',
  int: 'an integer',
}
const withArticle = (type: string) => ARTICLE[type] ?? `a ${type}`

/** `step "build" field retryPolicy.maxAttempts` or `retryPolicy.maxAttempts` at the top level. */
function where(path: Path, root: unknown): { label: string; stepId?: string } {
  if (path[0] === 'steps' && typeof path[1] === 'number') {
    const id = valueAt(root, ['steps', path[1], 'id'])
    const rest = path.slice(2)
    const stepLabel = typeof id === 'string' && id !== '' ? `Step "${id}"` : `Step #${path[1] + 1}`
    const label = rest.length > 0 ? `${stepLabel} field ${formatIssuePath(rest)}` : stepLabel
    return typeof id === 'string' && id !== '' ? { label, stepId: id } : { label }
  }
  return { label: path.length > 0 ? `Field ${formatIssuePath(path)}` : 'The document' }
}

function unionScore(issues: readonly ZodIssue[]): number {
  let score = issues.length
  for (const inner of issues) {
    if (inner.path.length === 0 && (inner.code === 'invalid_type' || inner.code === 'unrecognized_keys'))
      score += 10
  }
  return score
}

function isDurationField(path: Path): boolean {
  const last = path[path.length - 1]
  return typeof last === 'string' && DURATION_FIELDS.has(last)
}

type IssueOf<C extends ZodIssue['code']> = Extract<ZodIssue, { code: C }>

/** What a too_small / too_big issue asks for: a length, an item count, milliseconds or a number. */
function describeSizeIssue(
  raw: IssueOf<'too_small' | 'too_big'>,
  isDuration: boolean,
  value: unknown,
): string {
  const isMinimum = raw.code === 'too_small'
  const bound = isMinimum ? raw.minimum : raw.maximum
  const comparator = isMinimum
    ? raw.inclusive
      ? 'at least'
      : 'more than'
    : raw.inclusive
      ? 'at most'
      : 'less than'
  if (raw.origin === 'string')
    return bound === 1 && isMinimum
      ? 'must not be empty'
      : `must be ${comparator} ${String(bound)} characters long`
  if (raw.origin === 'array' || raw.origin === 'set')
    return `must have ${comparator} ${String(bound)} item(s)`
  if (isDuration) return `must be ${comparator} ${String(bound)} milliseconds, got ${describeValue(value)}`
  return `must be ${comparator} ${String(bound)}, got ${describeValue(value)}`
}

function describeIssue(raw: ZodIssue, path: Path, root: unknown): { code: WorkflowIssueCode; text: string } {
  const isDuration = isDurationField(path)
  const code: WorkflowIssueCode = isDuration ? 'invalid_duration' : 'schema_error'
  const value = valueAt(root, path)
  switch (raw.code) {
    case 'invalid_type':
      if (value === undefined) return { code, text: `is required (${withArticle(raw.expected)})` }
      return { code, text: `must be ${withArticle(raw.expected)}, got ${describeValue(value)}` }
    case 'too_small':
    case 'too_big':
      return { code, text: describeSizeIssue(raw, isDuration, value) }
    case 'invalid_format':
      return {
        code,
        text: raw.message.startsWith('Invalid')
          ? `has an invalid format (${raw.format})`
          : `${raw.message}; got ${describeValue(value)}`,
      }
    case 'invalid_value':
      return {
        code,
        text: `must be one of ${raw.values.map((v) => JSON.stringify(v)).join(', ')}; got ${describeValue(value)}`,
      }
    case 'unrecognized_keys':
      return {
        code,
        text: `has unknown field${raw.keys.length > 1 ? 's' : ''} ${raw.keys.map((k) => `"${k}"`).join(', ')}; remove ${raw.keys.length > 1 ? 'them' : 'it'} or check the spelling`,
      }
    case 'not_multiple_of':
      return { code, text: `must be a multiple of ${String(raw.divisor)}` }
    case 'custom':
      return { code, text: raw.message }
    default:
      return { code, text: raw.message }
  }
}

/** Where one zod issue lands: its full path, the label naming step and field, and the output list. */
interface IssueSite {
  path: Path
  root: unknown
  at: { label: string; stepId?: string }
  out: WorkflowIssue[]
}

function report(site: IssueSite, code: WorkflowIssueCode, message: string) {
  const { path, at } = site
  site.out.push(issue({ code, message, path, ...(at.stepId !== undefined ? { stepId: at.stepId } : {}) }))
}

/** Maps zod issues (from parsing `root`) to WorkflowIssues; `prefix` is prepended to paths. */
export function mapSchemaIssues(
  issues: readonly ZodIssue[],
  root: unknown,
  prefix: Path = [],
): WorkflowIssue[] {
  const out: WorkflowIssue[] = []
  for (const raw of issues) {
    const path: Path = [...prefix, ...raw.path.filter((p): p is string | number => typeof p !== 'symbol')]
    mapSchemaIssue(raw, { path, root, at: where(path, root), out })
  }
  return out
}

function mapSchemaIssue(raw: ZodIssue, site: IssueSite) {
  if (raw.code === 'invalid_union' && raw.discriminator !== undefined && raw.errors.length === 0) {
    reportDiscriminatorMismatch(raw, site)
  } else if (raw.code === 'invalid_union') {
    mapUnionIssue(raw, site)
  } else if (raw.code === 'invalid_key' || raw.code === 'invalid_element') {
    const { path, root } = site
    const key = path[path.length - 1]
    const inner = raw.issues[0]
    const reason = inner ? describeIssue(inner, [], key).text : 'is not allowed'
    report(
      site,
      'schema_error',
      `${where(path.slice(0, -1), root).label}: key ${JSON.stringify(key)} ${reason}.`,
    )
  } else {
    const described = describeIssue(raw, site.path, site.root)
    report(site, described.code, `${site.at.label} ${described.text}.`)
  }
}

/** A discriminated union whose discriminator matched no option; a step's `type` gets its own code. */
function reportDiscriminatorMismatch(raw: IssueOf<'invalid_union'>, site: IssueSite) {
  const { path, root, at } = site
  const given = valueAt(root, path)
  if (raw.discriminator === 'type' && path[0] === 'steps' && path.length === 3) {
    const types = STEP_TYPE_NAMES.join(', ')
    const step = where(path.slice(0, -1), root).label
    report(
      site,
      'unknown_step_type',
      given === undefined
        ? `${step} has no "type"; set it to one of: ${types}.`
        : `${step} has unknown type ${JSON.stringify(given)}; valid types are: ${types}.`,
    )
    return
  }
  const options = ('options' in raw ? (raw.options ?? []) : []).map((o) => String(o))
  report(
    site,
    'schema_error',
    `${at.label} must be one of ${options.map((option) => `"${option}"`).join(', ')}; got ${describeValue(given)}.`,
  )
}

/**
 * A union no branch accepted. When every branch only disliked the value's type, says which types
 * would do; otherwise reports the issues of the branch that came closest.
 */
function mapUnionIssue(raw: IssueOf<'invalid_union'>, site: IssueSite) {
  const { path, root } = site
  const branches = raw.errors.filter((branch) => branch.length > 0)
  const rootTypeOnly = branches.every((branch) =>
    branch.every((inner) => inner.path.length === 0 && inner.code === 'invalid_type'),
  )
  if (branches.length > 0 && !rootTypeOnly) {
    const best = branches.reduce((a, b) => (unionScore(b) < unionScore(a) ? b : a))
    site.out.push(...mapSchemaIssues(best, root, path))
    return
  }
  const expected = [
    ...new Set(
      branches.flat().map((inner) => (inner.code === 'invalid_type' ? withArticle(inner.expected) : '')),
    ),
  ].filter(Boolean)
  report(
    site,
    isDurationField(path) ? 'invalid_duration' : 'schema_error',
    `${site.at.label} must be ${expected.join(' or ') || 'a different value'}; got ${describeValue(valueAt(root, path))}.`,
  )
}
