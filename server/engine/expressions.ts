// CEL expressions: compile once (cached), evaluate against a run context, and list the
// context roots an expression reads so the validator can check references statically.
import { Environment, EvaluationError, serialize, type ASTNode, type ParseResult } from '@marcbachmann/cel-js'
import { WorkflowError } from './errors'
import {
  collectReferences,
  CONTEXT_ROOTS,
  type ExpressionReference,
  type SourceRange,
} from './expression-references'
import { MAX_EXPRESSION_LENGTH } from './limits'

export {
  CONTEXT_ROOTS,
  type ContextRoot,
  type ExpressionReference,
  type SourceRange,
} from './expression-references'

export interface StepResultView {
  output: unknown
  status: string
  error: unknown
}

/** What expressions can read. `item` / `index` exist only inside a parallel step over items. */
export interface ExpressionContext {
  inputs: Record<string, unknown>
  vars: Record<string, unknown>
  steps: Record<string, StepResultView>
  run: { id: string; workflowId: string; version: number; startedAt: string }
  item?: unknown
  index?: number
  /** Decrypted secret values; present only while a command or webhook step is dispatched. */
  secrets?: Record<string, string>
}

export interface CompiledExpression {
  source: string
  ast: ASTNode
  /** Statically inferred CEL type ('bool', 'int', 'dyn', ...). */
  type: string
  references(): ExpressionReference[]
  readonly run: ParseResult
}

export type CompileResult =
  { ok: true; program: CompiledExpression } | { ok: false; message: string; range: SourceRange }

export class ExpressionError extends WorkflowError {
  readonly expression: string
  readonly range: SourceRange | undefined
  constructor(message: string, expression: string, range?: SourceRange, cause?: unknown) {
    super('expression_error', message, { cause })
    this.expression = expression
    this.range = range
  }
}

function celEquals(a: unknown, b: unknown): boolean {
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number'))
    return Number(a) === Number(b)
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b
  return JSON.stringify(fromCelValue(a)) === JSON.stringify(fromCelValue(b))
}

const env = new Environment({
  unlistedVariablesAreDyn: true,
  homogeneousAggregateLiterals: false,
  limits: { maxAstNodes: 5000, maxDepth: 64 },
}).registerFunction('list.contains(dyn): bool', (list: unknown[], value: unknown) =>
  list.some((entry) => celEquals(entry, value)),
)

const CACHE_LIMIT = 5000
const cache = new Map<string, CompileResult>()

/** Parses and type-checks a CEL expression. Results are cached by source text (LRU). */
export function compileExpression(source: string): CompileResult {
  const hit = cache.get(source)
  if (hit) {
    cache.delete(source)
    cache.set(source, hit)
    return hit
  }
  const result = compileUncached(source)
  cache.set(source, result)
  if (cache.size > CACHE_LIMIT) {
    const oldest = cache.keys().next()
    if (!oldest.done) cache.delete(oldest.value)
  }
  return result
}

function errorRange(error: unknown, fallback: SourceRange): SourceRange {
  const range = (error as { range?: SourceRange } | null)?.range
  return range && typeof range.start === 'number'
    ? { start: range.start, end: Math.max(range.start, range.end) }
    : fallback
}

function compileUncached(source: string): CompileResult {
  if (source.trim() === '')
    return { ok: false, message: 'The expression is empty.', range: { start: 0, end: source.length } }
  if (source.length > MAX_EXPRESSION_LENGTH) {
    return {
      ok: false,
      message: `The expression is longer than ${MAX_EXPRESSION_LENGTH} characters; shorten it.`,
      range: { start: 0, end: source.length },
    }
  }
  let run: ParseResult
  try {
    run = env.parse(source)
  } catch (error) {
    const summary = (error as { summary?: string }).summary ?? String(error)
    return {
      ok: false,
      message: `Invalid expression: ${summary}.`,
      range: errorRange(error, { start: 0, end: source.length }),
    }
  }
  const checked = run.check()
  if (!checked.valid) {
    const summary = checked.error?.summary ?? 'type error'
    return {
      ok: false,
      message: `Invalid expression: ${summary}.`,
      range: errorRange(checked.error, { start: 0, end: source.length }),
    }
  }
  let references: ExpressionReference[] | undefined
  const program: CompiledExpression = {
    source,
    ast: run.ast,
    type: checked.type ?? 'dyn',
    references: () => (references ??= collectReferences(run.ast)),
    run,
  }
  return { ok: true, program }
}

/** The context references an expression reads (inputs.X, vars.X, steps.X, run, item, index, unknown names). */
export function referencedRoots(source: string): ExpressionReference[] {
  const compiled = compileExpression(source)
  return compiled.ok ? compiled.program.references() : []
}

/** A context converted to CEL values once (JSON integers become CEL ints), reusable across evaluations. */
export class PreparedContext {
  constructor(readonly values: Record<string, unknown>) {}
}

export function prepareContext(context: ExpressionContext | PreparedContext): PreparedContext {
  if (context instanceof PreparedContext) return context
  return new PreparedContext(toCelValue(context) as Record<string, unknown>)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function toCelValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value
  if (Array.isArray(value)) return value.map(toCelValue)
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {}
    for (const [key, entry] of Object.entries(value)) if (entry !== undefined) out[key] = toCelValue(entry)
    return out
  }
  return value
}

/** Converts a CEL result back to plain JSON-like values (ints to numbers, timestamps to ISO strings). */
export function fromCelValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value)
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(fromCelValue)
  if (value instanceof Date) return value.toISOString()
  if (value instanceof Uint8Array) return Array.from(value)
  if (value instanceof Map)
    return Object.fromEntries([...value].map(([k, v]) => [String(k), fromCelValue(v)]))
  if (!isPlainObject(value)) {
    const text: unknown = (value as { toString(): unknown }).toString()
    return typeof text === 'string' ? text : null
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromCelValue(v)]))
}

function describeKeys(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ''
  const keys = value instanceof Map ? [...value.keys()].map(String) : Object.keys(value)
  return keys.length > 0
    ? ` (fields: ${keys.slice(0, 20).join(', ')}${keys.length > 20 ? ', …' : ''})`
    : ' (it has no fields)'
}

function celTypeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'list'
  if (typeof value === 'bigint') return 'int'
  if (typeof value === 'number') return 'double'
  return typeof value === 'object' ? 'map' : typeof value
}

function evaluateNode(
  node: ASTNode,
  values: Record<string, unknown>,
): { ok: true; value: unknown } | { ok: false } {
  const compiled = compileExpression(serialize(node))
  if (!compiled.ok) return { ok: false }
  try {
    return { ok: true, value: compiled.program.run(values) }
  } catch {
    return { ok: false }
  }
}

/** Rewrites CEL's terse evaluation errors into messages that name the path and what exists there. */
function explainEvaluationError(error: EvaluationError, values: Record<string, unknown>): string {
  const node = error.node
  if (error.code === 'unknown_variable' && node?.op === 'id') {
    return `Unknown name "${node.args}"; expressions can read ${CONTEXT_ROOTS.filter((r) => r in values).join(', ')}.`
  }
  if (error.code === 'no_such_key' && node && (node.op === '.' || node.op === '[]')) {
    const [base, key] = node.args
    const field = typeof key === 'string' ? key : key.op === 'value' ? String(key.args) : serialize(key)
    const baseText = serialize(base)
    const parent = evaluateNode(base, values)
    if (baseText === 'steps')
      return `Step "${field}" has no result in this run${parent.ok ? describeKeys(parent.value).replace('fields', 'steps with results') : ''}.`
    if (!parent.ok) return `${baseText} has no field "${field}".`
    if (typeof parent.value !== 'object' || parent.value === null || Array.isArray(parent.value)) {
      return `${baseText} is a ${celTypeName(parent.value)}, not a map; it has no field "${field}".`
    }
    return `${baseText} has no field "${field}"${describeKeys(parent.value)}.`
  }
  return error.summary || error.message
}

/** Evaluates a compiled expression; the result is converted back to plain JSON-like values. */
export function evaluateExpression(
  program: CompiledExpression,
  context: ExpressionContext | PreparedContext,
): unknown {
  const prepared = prepareContext(context)
  try {
    return fromCelValue(program.run(prepared.values))
  } catch (error) {
    if (error instanceof EvaluationError) {
      throw new ExpressionError(
        explainEvaluationError(error, prepared.values),
        program.source,
        errorRange(error, { start: 0, end: program.source.length }),
        error,
      )
    }
    throw new ExpressionError(`Expression failed: ${String(error)}`, program.source, undefined, error)
  }
}

/** Compiles (cached) and evaluates `source`; throws ExpressionError on any problem. */
export function evaluateSource(source: string, context: ExpressionContext | PreparedContext): unknown {
  const compiled = compileExpression(source)
  if (!compiled.ok) throw new ExpressionError(compiled.message, source, compiled.range)
  return evaluateExpression(compiled.program, context)
}

/** Evaluates a condition; anything but a bool result is an ExpressionError. */
export function evaluateCondition(source: string, context: ExpressionContext | PreparedContext): boolean {
  const value = evaluateSource(source, context)
  if (typeof value !== 'boolean') {
    const got =
      value === null
        ? 'null'
        : Array.isArray(value)
          ? 'a list'
          : typeof value === 'object'
            ? 'a map'
            : `a ${typeof value}`
    throw new ExpressionError(`A condition must yield true or false, got ${got}.`, source, {
      start: 0,
      end: source.length,
    })
  }
  return value
}
