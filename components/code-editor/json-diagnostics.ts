// Places the workflow's problems in the JSON text: a validation issue's path (and its range inside
// an expression string) and a parse failure's offset or path become a marked span with a message.
import { jsonLanguage } from '@codemirror/lang-json'
import type { SyntaxNode } from '@lezer/common'
import type { WorkflowIssue } from '@/server/engine/workflow-issues'

export interface TextDiagnostic {
  from: number
  to: number
  severity: 'error' | 'warning'
  message: string
}

export type DocumentPath = readonly (string | number)[]

const SEPARATORS = new Set(['{', '}', '[', ']', ',', ':', '⚠'])

function valuesOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = []
  for (let child = node.firstChild; child; child = child.nextSibling) if (!SEPARATORS.has(child.name)) out.push(child)
  return out
}

function propertyName(text: string, node: SyntaxNode): string | undefined {
  try {
    return JSON.parse(text.slice(node.from, node.to)) as string
  } catch {
    return undefined
  }
}

/** The property node of `key` in an object node, or the element node at `index` in an array node. */
function childAt(text: string, node: SyntaxNode, key: string | number): SyntaxNode | undefined {
  if (node.name === 'Array' && typeof key === 'number') return valuesOf(node)[key]
  if (node.name !== 'Object') return undefined
  return valuesOf(node).find((p) => {
    const name = p.getChild('PropertyName')
    return name !== null && propertyName(text, name) === String(key)
  })
}

/** The value node of a property (its last non-separator child) or the node itself. */
function valueOf(node: SyntaxNode): SyntaxNode {
  if (node.name !== 'Property') return node
  return valuesOf(node).filter((c) => c.name !== 'PropertyName').pop() ?? node
}

interface Located {
  /** The deepest node found along the path (a Property for an object key). */
  node: SyntaxNode
  complete: boolean
}

function locate(text: string, path: DocumentPath): Located | undefined {
  const top = jsonLanguage.parser.parse(text).topNode.firstChild
  if (!top) return undefined
  let node = top
  for (const key of path) {
    const next = childAt(text, valueOf(node), key)
    if (!next) return { node, complete: false }
    node = next
  }
  return { node, complete: true }
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from)
  return end < 0 ? text.length : end
}

/** The span to mark for a path: a scalar value whole, a container or a missing key on its first line. */
export function spanOfPath(text: string, path: DocumentPath): { from: number; to: number } | undefined {
  const found = locate(text, path)
  if (!found) return undefined
  const value = valueOf(found.node)
  const container = value.name === 'Object' || value.name === 'Array'
  if (found.complete && !container) return { from: value.from, to: value.to }
  const start = found.node.name === 'Property' ? found.node.from : value.from
  return { from: start, to: Math.max(start + 1, Math.min(found.node.to, lineEnd(text, start))) }
}

/** A range inside a JSON string value, when the literal has no escapes before it to shift offsets. */
function spanInString(text: string, span: { from: number; to: number }, range: { start: number; end: number }) {
  const literal = text.slice(span.from, span.to)
  if (!literal.startsWith('"') || literal.slice(0, range.end + 1).includes('\\')) return span
  const from = span.from + 1 + range.start
  return { from, to: Math.min(span.to - 1, Math.max(from + 1, span.from + 1 + range.end)) }
}

/** The validation issues placed in the text; an issue whose path is gone marks the document start. */
export function issueDiagnostics(text: string, issues: readonly WorkflowIssue[]): TextDiagnostic[] {
  return issues.map((found) => {
    const span = spanOfPath(text, found.path) ?? { from: 0, to: Math.min(1, text.length) }
    const at = found.range ? spanInString(text, span, found.range) : span
    return { ...at, severity: found.severity, message: found.message }
  })
}

/** A parse failure placed in the text: at its offset, its path, or the document start. */
export function parseFailureDiagnostic(
  text: string,
  failure: { message: string; offset?: number; path?: DocumentPath },
): TextDiagnostic {
  const message = `${failure.message} The canvas keeps the last valid document.`
  if (failure.offset !== undefined) {
    const from = Math.min(failure.offset, text.length)
    return { from, to: Math.min(from + 1, text.length), severity: 'error', message }
  }
  const span = (failure.path && spanOfPath(text, failure.path)) ?? { from: 0, to: Math.min(1, text.length) }
  return { ...span, severity: 'error', message }
}
