// `{{ expression }}` templates inside string fields: parse into segments with offsets,
// render with CEL. A string that is exactly one `{{ }}` keeps the value's type.
import { WorkflowError } from './errors'
import {
  compileExpression,
  evaluateExpression,
  ExpressionError,
  prepareContext,
  type ExpressionContext,
  type PreparedContext,
  type SourceRange,
} from './expressions'
import type { JsonValue } from './json-value'

export type TemplateSegment =
  | { kind: 'literal'; text: string; start: number; end: number }
  /** `source` is the trimmed expression; `start`/`end` are its offsets in the template, `outer` spans the braces. */
  | { kind: 'expression'; source: string; start: number; end: number; outer: SourceRange }

export type ParsedTemplate =
  { ok: true; segments: TemplateSegment[] } | { ok: false; message: string; range: SourceRange }

export class TemplateError extends WorkflowError {
  readonly template: string
  readonly expression: string | undefined
  readonly range: SourceRange | undefined
  constructor(message: string, template: string, expression?: string, range?: SourceRange, cause?: unknown) {
    super('template_error', message, { cause })
    this.template = template
    this.expression = expression
    this.range = range
  }
}

export function hasTemplate(value: string): boolean {
  return value.includes('{{')
}

/** Index of the `}}` closing an expression that starts at `from`, skipping CEL string literals. */
function findClose(text: string, from: number): number {
  let i = from
  while (i < text.length) {
    const ch = text[i]
    if (ch === '"' || ch === "'") {
      const triple = text.startsWith(ch.repeat(3), i)
      const quote = triple ? ch.repeat(3) : ch
      i += quote.length
      while (i < text.length && !text.startsWith(quote, i)) i += text[i] === '\\' && !triple ? 2 : 1
      i += quote.length
      continue
    }
    if (ch === '}' && text[i + 1] === '}') return i
    i++
  }
  return -1
}

const parsedCache = new Map<string, ParsedTemplate>()

/** Splits a template into literal and expression segments. Cached by text. */
export function parseTemplate(text: string): ParsedTemplate {
  const hit = parsedCache.get(text)
  if (hit) return hit
  const parsed = parseUncached(text)
  if (parsedCache.size >= 5000) parsedCache.clear()
  parsedCache.set(text, parsed)
  return parsed
}

function parseUncached(text: string): ParsedTemplate {
  const segments: TemplateSegment[] = []
  let cursor = 0
  while (cursor < text.length) {
    const open = text.indexOf('{{', cursor)
    if (open < 0) break
    if (open > cursor)
      segments.push({ kind: 'literal', text: text.slice(cursor, open), start: cursor, end: open })
    const close = findClose(text, open + 2)
    if (close < 0) {
      return {
        ok: false,
        message: 'Unterminated "{{": close the expression with "}}".',
        range: { start: open, end: text.length },
      }
    }
    const inner = text.slice(open + 2, close)
    const leading = inner.length - inner.trimStart().length
    const source = inner.trim()
    if (source === '')
      return {
        ok: false,
        message: 'Empty "{{ }}": put an expression inside, e.g. {{ inputs.name }}.',
        range: { start: open, end: close + 2 },
      }
    const start = open + 2 + leading
    segments.push({
      kind: 'expression',
      source,
      start,
      end: start + source.length,
      outer: { start: open, end: close + 2 },
    })
    cursor = close + 2
  }
  if (cursor < text.length)
    segments.push({ kind: 'literal', text: text.slice(cursor), start: cursor, end: text.length })
  return { ok: true, segments }
}

function stringify(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '')
}

function renderPrepared(text: string, context: PreparedContext): unknown {
  if (!hasTemplate(text)) return text
  const parsed = parseTemplate(text)
  if (!parsed.ok) throw new TemplateError(parsed.message, text, undefined, parsed.range)
  const values: unknown[] = []
  for (const segment of parsed.segments) {
    if (segment.kind === 'literal') {
      values.push(segment.text)
      continue
    }
    const compiled = compileExpression(segment.source)
    const shift = (r: SourceRange): SourceRange => ({
      start: segment.start + r.start,
      end: segment.start + r.end,
    })
    if (!compiled.ok) {
      throw new TemplateError(
        `In {{ ${segment.source} }} at offset ${segment.start}: ${compiled.message}`,
        text,
        segment.source,
        shift(compiled.range),
      )
    }
    try {
      values.push(evaluateExpression(compiled.program, context))
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error
      const range = error.range ? shift(error.range) : { start: segment.start, end: segment.end }
      throw new TemplateError(
        `In {{ ${segment.source} }} at offset ${segment.start}: ${error.message}`,
        text,
        segment.source,
        range,
        error,
      )
    }
  }
  const only = parsed.segments[0]
  if (parsed.segments.length === 1 && only?.kind === 'expression') return values[0]
  return values.map(stringify).join('')
}

/** Renders one template string. Exactly one `{{ expr }}` keeps the value's type; otherwise a string. */
export function renderTemplate(text: string, context: ExpressionContext | PreparedContext): unknown {
  return renderPrepared(text, prepareContext(context))
}

/** Renders every string inside a JSON value (params, bodies); the context is prepared once. */
export function renderParams(value: JsonValue, context: ExpressionContext | PreparedContext): unknown {
  const prepared = prepareContext(context)
  const visit = (current: unknown): unknown => {
    if (typeof current === 'string') return renderPrepared(current, prepared)
    if (Array.isArray(current)) return current.map(visit)
    if (typeof current === 'object' && current !== null) {
      return Object.fromEntries(Object.entries(current).map(([key, entry]) => [key, visit(entry)]))
    }
    return current
  }
  return visit(value)
}
