// CodeMirror extensions for an expression field: CEL highlighting, completion from the scope,
// the engine's syntax check as a lint marker, and one line unless the field is multi-line.
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete'
import { HighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language'
import { linter, type Diagnostic } from '@codemirror/lint'
import { EditorState, type Extension } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { tags } from '@lezer/highlight'
import { checkExpressionText, checkTemplateText } from './expression-check'
import { celStreamParser, type ExpressionMode } from './cel-tokenizer'
import { completionsFor, pathAtCursor, type CompletionScope } from './expression-completions'

const celHighlight = HighlightStyle.define([
  { tag: tags.special(tags.variableName), color: '#2f6fed', fontWeight: '600' },
  { tag: tags.propertyName, color: '#1f4e9c' },
  { tag: tags.function(tags.variableName), color: '#7b3fb5' },
  { tag: tags.string, color: '#2e7d32' },
  { tag: tags.special(tags.string), color: '#3b3f45' },
  { tag: tags.number, color: '#b35c00' },
  { tag: tags.keyword, color: '#a0237f' },
  { tag: tags.operator, color: '#5f6b7a' },
  { tag: tags.meta, color: '#a0237f', fontWeight: '600' },
])

/** Completion of inputs.*, vars.*, steps.<id>.output.*, secrets.*, run.*, item and index. */
export function scopeCompletionSource(mode: ExpressionMode, scope: () => CompletionScope) {
  return (context: CompletionContext): CompletionResult | null => {
    const at = pathAtCursor(context.state.sliceDoc(0, context.pos), mode)
    if (!at) return null
    if (at.path.length === 0 && at.from === context.pos && !context.explicit) return null
    const options = completionsFor(scope(), at.path)
    if (options.length === 0) return null
    return { from: at.from, options, validFor: /^[A-Za-z0-9_]*$/ }
  }
}

/** The engine's parse check of the whole text, as one marker at the error's position. */
export function expressionDiagnostics(text: string, mode: ExpressionMode): Diagnostic[] {
  const problem = mode === 'expression' ? checkExpressionText(text) : checkTemplateText(text)
  if (!problem) return []
  const from = Math.max(0, Math.min(problem.start, text.length - 1))
  const to = Math.min(text.length, Math.max(problem.end, from + 1))
  return [{ from, to, severity: 'error', message: problem.message }]
}

const singleLine = EditorState.transactionFilter.of((tr) => (tr.newDoc.lines > 1 ? [] : tr))

const fieldTheme = EditorView.theme({
  '&': { border: '1px solid var(--border)', borderRadius: '6px', background: 'white', fontSize: '13px' },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '-1px' },
  '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', padding: '5px 2px' },
  '.cm-scroller': { overflowX: 'auto' },
})

export function expressionExtensions(options: {
  mode: ExpressionMode
  label: string
  multiline: boolean
  scope: () => CompletionScope
}): Extension[] {
  return [
    StreamLanguage.define(celStreamParser(options.mode)),
    syntaxHighlighting(celHighlight),
    autocompletion({ override: [scopeCompletionSource(options.mode, options.scope)], icons: false }),
    linter((view) => expressionDiagnostics(view.state.doc.toString(), options.mode), { delay: 150 }),
    EditorView.contentAttributes.of({ 'aria-label': options.label }),
    fieldTheme,
    options.multiline ? EditorView.lineWrapping : singleLine,
  ]
}
