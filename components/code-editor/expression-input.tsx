'use client'
// The CodeMirror editor of one expression or template field, with the preview of its value
// against the last run underneath. Loaded lazily (see lazy-editors.tsx).
import CodeMirror from '@uiw/react-codemirror'
import { useEffect, useMemo } from 'react'
import { useLatest } from '@/components/ui/use-latest'
import { completionScope, previewContext } from './expression-scope'
import { useExpressionScope } from './expression-scope-context'
import { expressionExtensions } from './expression-extensions'
import { previewExpression } from './expression-preview'
import type { ExpressionInputProps } from './editor-props'

const SETUP = {
  lineNumbers: false,
  foldGutter: false,
  highlightActiveLine: false,
  highlightActiveLineGutter: false,
  autocompletion: false,
  searchKeymap: false,
  foldKeymap: false,
  highlightSelectionMatches: false,
} as const

function ExpressionPreviewLine({ text, mode }: Pick<ExpressionInputProps, 'mode'> & { text: string }) {
  const { source } = useExpressionScope()
  const preview = useMemo(
    () => (source.doc ? previewExpression(text, mode, previewContext(source)) : undefined),
    [text, mode, source],
  )
  if (!preview) return null
  const run = source.lastRun ? `last run ${source.lastRun.id.slice(0, 8)}` : 'no run yet'
  return (
    <output className={`expression-preview preview-${preview.kind}`} aria-label="Preview" aria-live="off">
      <span className="muted">Preview ({run}): </span>
      {preview.kind === 'value' ? <code>{preview.text}</code> : null}
      {preview.kind === 'error' ? <span>{preview.message}</span> : null}
      {preview.kind === 'hidden' ? <span className="muted">{preview.reason}</span> : null}
    </output>
  )
}

export default function ExpressionInput(props: ExpressionInputProps) {
  const { source, want } = useExpressionScope()
  useEffect(want, [want])
  const scope = useLatest(useMemo(() => completionScope(source), [source]))
  const { mode, label, multiline = false } = props
  const extensions = useMemo(
    () => expressionExtensions({ mode, label, multiline, scope: () => scope.current }),
    [mode, label, multiline, scope],
  )
  return (
    <>
      <CodeMirror
        id={props.id}
        className={props.invalid ? 'code-field invalid' : 'code-field'}
        value={props.value}
        onChange={props.onChange}
        placeholder={props.placeholder}
        basicSetup={SETUP}
        extensions={extensions}
        theme="light"
      />
      {props.invalid ? null : <ExpressionPreviewLine text={props.value} mode={mode} />}
    </>
  )
}
