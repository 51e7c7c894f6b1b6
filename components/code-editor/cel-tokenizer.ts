// Highlighting for CEL expressions and `{{ }}` templates: a small stream tokenizer (identifiers,
// context roots, strings, numbers, operators, template delimiters) for CodeMirror's StreamLanguage.
import type { StreamParser, StringStream } from '@codemirror/language'
import { CONTEXT_ROOTS } from '@/server/engine/expression-references'

export type ExpressionMode = 'expression' | 'template'

export interface CelTokenizerState {
  /** Inside a `{{ }}` part (always true for a bare expression). */
  inExpression: boolean
  /** The last token was a `.`, so an identifier is a field name. */
  afterDot: boolean
}

const ROOTS = new Set<string>(CONTEXT_ROOTS)
const KEYWORDS = new Set(['true', 'false', 'null', 'in'])
const OPERATOR = /^(?:==|!=|<=|>=|&&|\|\||[-+*/%<>!?:])/
const NUMBER = /^(?:0x[0-9a-fA-F]+u?|\d+\.\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|\d+(?:[eE][-+]?\d+)?u?)/

function readString(stream: StringStream, quote: string): void {
  const triple = stream.match(quote.repeat(2))
  const end = triple ? quote.repeat(3) : quote
  while (!stream.eol()) {
    if (stream.match(end)) return
    if (stream.next() === '\\') stream.next()
  }
}

function tokenOutside(stream: StringStream, state: CelTokenizerState): string | null {
  if (stream.match('{{')) {
    state.inExpression = true
    state.afterDot = false
    return 'meta'
  }
  stream.next()
  while (!stream.eol() && !stream.match('{{', false)) stream.next()
  return 'string.special'
}

function tokenIdentifier(stream: StringStream, state: CelTokenizerState): string {
  const word = stream.current()
  const wasAfterDot = state.afterDot
  state.afterDot = false
  if (wasAfterDot) return 'propertyName'
  if (KEYWORDS.has(word)) return 'keyword'
  if (ROOTS.has(word)) return 'variableName.special'
  if (stream.match(/^\s*\(/, false)) return 'variableName.function'
  return 'variableName'
}

function tokenInside(stream: StringStream, state: CelTokenizerState, mode: ExpressionMode): string | null {
  if (stream.eatSpace()) return null
  if (mode === 'template' && stream.match('}}')) {
    state.inExpression = false
    return 'meta'
  }
  if (stream.match(/^[rRbB]?(?=["'])/)) {
    const quote = stream.next() ?? '"'
    readString(stream, quote)
    state.afterDot = false
    return 'string'
  }
  if (stream.match(NUMBER)) return (state.afterDot = false), 'number'
  if (stream.match(/^[A-Za-z_][A-Za-z0-9_]*/)) return tokenIdentifier(stream, state)
  if (stream.eat('.')) return (state.afterDot = true), 'punctuation'
  state.afterDot = false
  if (stream.match(OPERATOR)) return 'operator'
  if (stream.match(/^[()[\]{}]/)) return 'bracket'
  stream.next()
  return 'punctuation'
}

/** The StreamLanguage parser for one field's mode. */
export function celStreamParser(mode: ExpressionMode): StreamParser<CelTokenizerState> {
  return {
    name: mode === 'template' ? 'cel-template' : 'cel',
    startState: () => ({ inExpression: mode === 'expression', afterDot: false }),
    copyState: (state) => ({ ...state }),
    token: (stream, state) =>
      state.inExpression ? tokenInside(stream, state, mode) : tokenOutside(stream, state),
  }
}
