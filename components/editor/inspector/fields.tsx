'use client'
// Labelled form fields for the inspector. Text edits apply as you type; JSON and list fields
// apply only when what you typed parses, and say why when it does not.
import { useId, useState, type ReactNode } from 'react'
import { LazyExpressionInput } from '@/components/code-editor/lazy-editors'
import { checkExpressionText, checkTemplateText, describePosition, type TextProblem } from '@/components/code-editor/expression-check'
import { useFieldIssues, type IssuePath } from './field-issues'

/** A field's own problem (it does not parse) wins; else the validation problems at `issuePath`; else the hint. */
export function Row(props: { id: string; label: string; hint?: ReactNode; issuePath?: IssuePath; children: ReactNode }) {
  const issues = useFieldIssues(props.issuePath)
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {issues.length > 0 ? (
        <div className="field-hint">
          {issues.map((found, n) => (
            <span key={n} className={found.severity === 'error' ? 'field-error' : 'field-warning'} role="alert">
              {found.message}
            </span>
          ))}
        </div>
      ) : props.hint ? (
        <div className="field-hint">{props.hint}</div>
      ) : null}
    </div>
  )
}

export function TextField(props: {
  label: string
  value: string | undefined
  onChange: (value: string) => void
  onBlur?: () => void
  placeholder?: string
  mono?: boolean
  hint?: ReactNode
  multiline?: boolean
  issuePath?: IssuePath
}) {
  const id = useId()
  const common = {
    id,
    value: props.value ?? '',
    placeholder: props.placeholder,
    className: props.mono ? 'mono' : undefined,
    onBlur: props.onBlur,
  }
  return (
    <Row id={id} label={props.label} hint={props.hint} issuePath={props.issuePath}>
      {props.multiline ? (
        <textarea {...common} rows={3} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input {...common} onChange={(e) => props.onChange(e.target.value)} />
      )}
    </Row>
  )
}

export function SelectField<T extends string>(props: {
  label: string
  value: T | undefined
  options: readonly (T | { value: T; label: string })[]
  onChange: (value: T) => void
  issuePath?: IssuePath
}) {
  const id = useId()
  return (
    <Row id={id} label={props.label} issuePath={props.issuePath}>
      <select id={id} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map((o) => {
          const { value, label } = typeof o === 'string' ? { value: o, label: o } : o
          return (
            <option key={value} value={value}>
              {label}
            </option>
          )
        })}
      </select>
    </Row>
  )
}

export function CheckboxField(props: {
  label: string
  checked: boolean
  onChange: (checked: boolean) => void
  hint?: ReactNode
  issuePath?: IssuePath
}) {
  const id = useId()
  return (
    <Row id={id} label={props.label} hint={props.hint} issuePath={props.issuePath}>
      <input id={id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
    </Row>
  )
}

export function NumberField(props: {
  label: string
  value: number | undefined
  onChange: (value: number | undefined) => void
  min?: number
  max?: number
  step?: number
  placeholder?: string
  hint?: ReactNode
  issuePath?: IssuePath
}) {
  const id = useId()
  return (
    <Row id={id} label={props.label} hint={props.hint} issuePath={props.issuePath}>
      <input
        id={id}
        type="number"
        min={props.min}
        max={props.max}
        step={props.step}
        placeholder={props.placeholder}
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      />
    </Row>
  )
}

/** Keeps what the user typed while it does not parse; follows the value when it changes elsewhere (undo). */
export function useDraft<T>(value: T, format: (v: T) => string, same: (text: string, v: T) => boolean) {
  const [text, setText] = useState(() => format(value))
  const [seen, setSeen] = useState(value)
  if (seen !== value) {
    setSeen(value)
    if (!same(text, value)) setText(format(value))
  }
  return [text, setText] as const
}

function formatJson(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value, null, 2)
}

function sameJson(text: string, value: unknown): boolean {
  try {
    return text.trim() === '' ? value === undefined : JSON.stringify(JSON.parse(text)) === JSON.stringify(value)
  } catch {
    return false
  }
}

export function JsonField(props: {
  label: string
  value: unknown
  onChange: (value: unknown) => void
  rows?: number
  hint?: ReactNode
  /** Refuses values of the wrong shape, e.g. "must be an object". */
  check?: (value: unknown) => string | undefined
  issuePath?: IssuePath
}) {
  const id = useId()
  const [text, setText] = useDraft(props.value, formatJson, sameJson)
  const [error, setError] = useState<string | null>(null)
  const apply = (next: string) => {
    setText(next)
    if (next.trim() === '') {
      setError(null)
      props.onChange(undefined)
      return
    }
    try {
      const parsed: unknown = JSON.parse(next)
      const wrong = props.check?.(parsed)
      if (wrong) return setError(wrong)
      setError(null)
      props.onChange(parsed)
    } catch (e) {
      setError(`Not valid JSON yet: ${(e as Error).message}. The step keeps its last valid value.`)
    }
  }
  return (
    <Row
      id={id}
      label={props.label}
      hint={error ? <span className="field-error" role="alert">{error}</span> : props.hint}
      issuePath={error ? undefined : props.issuePath}
    >
      <textarea id={id} className="mono" rows={props.rows ?? 4} value={text} onChange={(e) => apply(e.target.value)} />
    </Row>
  )
}

export const isObject = (v: unknown) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? undefined : 'Must be a JSON object, e.g. { "key": "value" }.'

/** Comma-separated list of strings (tags, capabilities) or integers (statuses). */
export function ListField(props: {
  label: string
  value: readonly (string | number)[] | undefined
  onChange: (value: string[] | undefined) => void
  placeholder?: string
  issuePath?: IssuePath
}) {
  const id = useId()
  const format = (v: readonly (string | number)[] | undefined) => (v ?? []).join(', ')
  const [text, setText] = useDraft(props.value, format, (t, v) => t.split(',').map((s) => s.trim()).filter(Boolean).join(', ') === format(v))
  return (
    <Row id={id} label={props.label} issuePath={props.issuePath}>
      <input
        id={id}
        value={text}
        placeholder={props.placeholder}
        onChange={(e) => {
          setText(e.target.value)
          const items = e.target.value.split(',').map((s) => s.trim()).filter(Boolean)
          props.onChange(items.length > 0 ? items : undefined)
        }}
      />
    </Row>
  )
}

function ProblemLine({ problem, text }: { problem: TextProblem; text: string }) {
  const snippet = text.slice(problem.start, Math.max(problem.end, problem.start + 1)) || '(end)'
  return (
    <span className="field-error" role="alert">
      {problem.message} At {describePosition(problem)}: <code>{snippet}</code>
    </span>
  )
}

/** A CEL expression (mode "expression") or a string with {{ }} parts (mode "template"), checked as you type. */
export function ExpressionField(props: {
  label: string
  value: string | undefined
  onChange: (value: string) => void
  mode: 'expression' | 'template'
  placeholder?: string
  hint?: ReactNode
  issuePath?: IssuePath
}) {
  const id = useId()
  const text = props.value ?? ''
  const problem = props.mode === 'expression' ? checkExpressionText(text) : checkTemplateText(text)
  return (
    <Row
      id={id}
      label={props.label}
      hint={problem ? <ProblemLine problem={problem} text={text} /> : props.hint}
      issuePath={problem ? undefined : props.issuePath}
    >
      <LazyExpressionInput
        id={id}
        label={props.label}
        mode={props.mode}
        invalid={problem !== undefined}
        value={text}
        placeholder={props.placeholder}
        onChange={props.onChange}
      />
    </Row>
  )
}
