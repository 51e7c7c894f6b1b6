// The value an expression or template would have against the last run's data, for the line
// under the field (like n8n's expression editor), or why it cannot be shown.
import { evaluateSource, referencedRoots, type ExpressionContext } from '@/server/engine/expressions'
import { hasTemplate, parseTemplate, renderTemplate } from '@/server/engine/templating'
import type { ExpressionMode } from './cel-tokenizer'

export type ExpressionPreview =
  | { kind: 'value'; text: string }
  | { kind: 'error'; message: string }
  | { kind: 'hidden'; reason: string }

const MAX_PREVIEW_CHARS = 300

/** The expressions inside the text: the text itself, or each `{{ }}` part of a template. */
function expressionsOf(text: string, mode: ExpressionMode): string[] {
  if (mode === 'expression') return [text]
  const parsed = parseTemplate(text)
  if (!parsed.ok) return []
  return parsed.segments.flatMap((s) => (s.kind === 'expression' ? [s.source] : []))
}

function hiddenReason(text: string, mode: ExpressionMode): string | undefined {
  const roots = new Set(expressionsOf(text, mode).flatMap((source) => referencedRoots(source).map((r) => r.root)))
  if (roots.has('secrets')) return 'Reads a secret: its value is never shown.'
  if (roots.has('item') || roots.has('index')) return 'item and index have values only while the parallel step runs.'
  return undefined
}

/** The value as it would be passed on: JSON, shortened. */
export function formatPreviewValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(typeof value)
  return text.length > MAX_PREVIEW_CHARS ? `${text.slice(0, MAX_PREVIEW_CHARS - 1)}…` : text
}

/** The preview of a field's text, or undefined when there is nothing to evaluate. */
export function previewExpression(
  text: string,
  mode: ExpressionMode,
  context: ExpressionContext,
): ExpressionPreview | undefined {
  if (text.trim() === '' || (mode === 'template' && !hasTemplate(text))) return undefined
  const hidden = hiddenReason(text, mode)
  if (hidden) return { kind: 'hidden', reason: hidden }
  try {
    const value = mode === 'expression' ? evaluateSource(text, context) : renderTemplate(text, context)
    return { kind: 'value', text: formatPreviewValue(value) }
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) }
  }
}
