// What an expression field can complete: the dotted path before the cursor, and the names that
// can follow it (context roots, inputs, vars, step ids and the last run's output paths, secrets).
import type { ExpressionMode } from './cel-tokenizer'

export interface CompletionScope {
  inputs: readonly { name: string; type: string }[]
  vars: Readonly<Record<string, unknown>>
  steps: readonly { id: string; name?: string; type: string }[]
  /** The last run's inputs and step results, when there is one. */
  runInputs?: Readonly<Record<string, unknown>>
  stepResults: Readonly<Record<string, { output: unknown; status: string; error: unknown }>>
  secrets: readonly string[]
  /** `item` and `index` exist only inside a parallel step over items. */
  inParallel: boolean
}

export interface PathCompletion {
  label: string
  type: 'variable' | 'property' | 'keyword' | 'function' | 'constant'
  detail?: string
}

export interface PathAtCursor {
  /** Offset where the name being typed starts. */
  from: number
  /** The names before it: ['steps', 'check', 'output'] for `steps.check.output.st|`. */
  path: string[]
}

const PATH_BEFORE_CURSOR = /(?:[A-Za-z_][A-Za-z0-9_]*\s*\.\s*)*[A-Za-z_]?[A-Za-z0-9_]*$/

/** The start of the expression the cursor is in, or -1 when it is in a template's plain text. */
function expressionStart(text: string, mode: ExpressionMode): number {
  if (mode === 'expression') return 0
  const open = text.lastIndexOf('{{')
  return open >= 0 && text.indexOf('}}', open) < 0 ? open + 2 : -1
}

function isInsideString(expression: string): boolean {
  let quote: string | undefined
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i]!
    if (quote && c === '\\') i++
    else if (quote && c === quote) quote = undefined
    else if (!quote && (c === '"' || c === "'")) quote = c
  }
  return quote !== undefined
}

/** The dotted path being typed at the end of `textBefore` (the text up to the cursor), if any. */
export function pathAtCursor(textBefore: string, mode: ExpressionMode): PathAtCursor | undefined {
  const start = expressionStart(textBefore, mode)
  if (start < 0) return undefined
  const expression = textBefore.slice(start)
  if (isInsideString(expression)) return undefined
  const match = PATH_BEFORE_CURSOR.exec(expression)
  if (!match || /[0-9.]$/.test(expression.slice(0, match.index))) return undefined
  const parts = match[0].split('.').map((part) => part.trim())
  const typed = parts.pop() ?? ''
  if (/^[0-9]/.test(typed)) return undefined
  return { from: textBefore.length - typed.length, path: parts }
}

function preview(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return `list (${value.length})`
  if (typeof value === 'object') return 'map'
  const text = JSON.stringify(value) ?? typeof value
  return text.length > 40 ? `${text.slice(0, 39)}…` : text
}

/** The fields of the value at `path` inside `value`, as completions. */
function fieldsOf(value: unknown, path: readonly string[]): PathCompletion[] {
  let current = value
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return []
    current = (current as Record<string, unknown>)[key]
  }
  if (typeof current !== 'object' || current === null || Array.isArray(current)) return []
  return Object.entries(current).map(([label, v]) => ({ label, type: 'property', detail: preview(v) }))
}

const RUN_FIELDS: PathCompletion[] = [
  { label: 'id', type: 'property', detail: 'run id' },
  { label: 'workflowId', type: 'property', detail: 'workflow id' },
  { label: 'version', type: 'property', detail: 'workflow version' },
  { label: 'startedAt', type: 'property', detail: 'ISO timestamp' },
]

const CEL_WORDS: PathCompletion[] = [
  ...['true', 'false', 'null'].map((label): PathCompletion => ({ label, type: 'constant' })),
  ...['size', 'has', 'string', 'int', 'double', 'matches', 'startsWith', 'endsWith', 'contains'].map(
    (label): PathCompletion => ({ label, type: 'function' }),
  ),
]

function rootCompletions(scope: CompletionScope): PathCompletion[] {
  const roots: PathCompletion[] = [
    { label: 'inputs', type: 'variable', detail: 'run inputs' },
    { label: 'vars', type: 'variable', detail: 'workflow variables' },
    { label: 'steps', type: 'variable', detail: 'earlier steps’ results' },
    { label: 'secrets', type: 'variable', detail: 'secret values' },
    { label: 'run', type: 'variable', detail: 'this run' },
  ]
  if (scope.inParallel) {
    roots.push({ label: 'item', type: 'variable', detail: 'the current item' })
    roots.push({ label: 'index', type: 'variable', detail: 'the current item’s index' })
  }
  return [...roots, ...CEL_WORDS]
}

function stepCompletions(scope: CompletionScope, rest: readonly string[]): PathCompletion[] {
  const [id, field, ...deeper] = rest
  if (id === undefined) {
    return scope.steps.map((s) => ({ label: s.id, type: 'variable', detail: s.name ? `${s.name} (${s.type})` : s.type }))
  }
  const result = scope.stepResults[id]
  if (field === undefined) {
    return [
      { label: 'output', type: 'property', detail: result ? preview(result.output) : 'step output' },
      { label: 'status', type: 'property', detail: result ? JSON.stringify(result.status) : 'succeeded, failed or skipped' },
      { label: 'error', type: 'property', detail: result ? preview(result.error) : 'code, message' },
    ]
  }
  if (field === 'output') return fieldsOf(result?.output, deeper)
  if (field === 'error') return fieldsOf(result?.error ?? { code: '', message: '' }, deeper)
  return []
}

/** The completions that can follow `path` (the names before the cursor) in this scope. */
export function completionsFor(scope: CompletionScope, path: readonly string[]): PathCompletion[] {
  const [root, ...rest] = path
  switch (root) {
    case undefined:
      return rootCompletions(scope)
    case 'inputs':
      if (rest.length > 0) return fieldsOf(scope.runInputs, rest)
      return scope.inputs.map((i) => ({ label: i.name, type: 'property', detail: i.type }))
    case 'vars':
      if (rest.length > 0) return fieldsOf(scope.vars, rest)
      return Object.entries(scope.vars).map(([label, v]) => ({ label, type: 'property', detail: preview(v) }))
    case 'steps':
      return stepCompletions(scope, rest)
    case 'secrets':
      return rest.length > 0 ? [] : scope.secrets.map((label) => ({ label, type: 'property', detail: 'secret' }))
    case 'run':
      return rest.length > 0 ? [] : RUN_FIELDS
    default:
      return []
  }
}
