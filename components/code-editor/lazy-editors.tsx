'use client'
// The lazy entry points of the code editors: CodeMirror loads only when a field or the JSON view
// is shown, so the canvas does not pay for it. Until it arrives, a plain input with the same name
// and value stands in and works.
import { lazy, Suspense } from 'react'
import type { ExpressionInputProps, JsonEditorProps } from './editor-props'

const ExpressionInput = lazy(() => import('./expression-input'))
const JsonEditor = lazy(() => import('./json-editor'))

function PlainExpressionInput(props: ExpressionInputProps) {
  return (
    <input
      id={props.id}
      aria-label={props.label}
      className={`mono${props.invalid ? ' invalid' : ''}`}
      aria-invalid={props.invalid ? true : undefined}
      value={props.value}
      placeholder={props.placeholder}
      onChange={(e) => props.onChange(e.target.value)}
    />
  )
}

export function LazyExpressionInput(props: ExpressionInputProps) {
  return (
    <Suspense fallback={<PlainExpressionInput {...props} />}>
      <ExpressionInput {...props} />
    </Suspense>
  )
}

export function LazyJsonEditor(props: JsonEditorProps) {
  return (
    <Suspense
      fallback={
        <textarea
          aria-label={props.label}
          className="mono"
          spellCheck={false}
          readOnly={props.readOnly}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      }
    >
      <JsonEditor {...props} />
    </Suspense>
  )
}
