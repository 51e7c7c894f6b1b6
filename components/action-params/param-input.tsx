'use client'
// One generated params field: a text, number, choice, yes/no or list input for its schema type,
// with an inline problem; number, choice, yes/no and list fields can switch to a `{{ }}` expression.
import { useId, useState, type ReactNode } from 'react'
import type { ParamField } from './param-schema'
import { isExpression, parseListText, parseNumberText } from './param-values'

type Set = (value: unknown) => void

export function RequiredMark() {
  return (
    <span className="param-required" title="required">
      required
    </span>
  )
}

function FieldFrame(props: {
  id: string
  field: ParamField
  problem?: string
  toggle?: ReactNode
  children: ReactNode
}) {
  const { field } = props
  const hint =
    field.description ??
    (field.default !== undefined ? `Default: ${JSON.stringify(field.default)}` : undefined)
  return (
    <div className="field param-field">
      <div className="param-field-label">
        <label htmlFor={props.id}>{field.key}</label>
        {field.required ? <RequiredMark /> : null}
        {props.toggle}
      </div>
      {props.children}
      {props.problem ? (
        <div className="field-hint">
          <span className="field-error" role="alert">
            {props.problem}
          </span>
        </div>
      ) : hint ? (
        <div className="field-hint">{hint}</div>
      ) : null}
    </div>
  )
}

function TextInput(props: {
  id: string
  value: string
  invalid: boolean
  placeholder?: string
  onText: (t: string) => void
}) {
  return (
    <input
      id={props.id}
      className={`mono${props.invalid ? ' invalid' : ''}`}
      aria-invalid={props.invalid || undefined}
      value={props.value}
      placeholder={props.placeholder}
      onChange={(e) => props.onText(e.target.value)}
    />
  )
}

/** Keeps the typed text while it does not parse, and follows the value when it changes elsewhere. */
function useTypedText(value: unknown, format: (v: unknown) => string, parse: (t: string) => unknown) {
  const [text, setText] = useState(() => format(value))
  const [seen, setSeen] = useState(value)
  if (seen !== value) {
    setSeen(value)
    if (JSON.stringify(parse(text)) !== JSON.stringify(value)) setText(format(value))
  }
  return [text, setText] as const
}

const formatNumber = (v: unknown) => (typeof v === 'number' ? String(v) : '')
const formatList = (v: unknown) => (Array.isArray(v) ? v.join(', ') : '')

type TypedDraft = ReturnType<typeof useTypedDraft>

/**
 * The text of a number or list field as typed, and the number's parse problem. Held for every
 * kind, so a field whose schema changes kind (another action) keeps what was typed.
 */
function useTypedDraft(field: ParamField, value: unknown, set: Set) {
  const isList = field.kind === 'string-list'
  const [text, setText] = useTypedText(value, isList ? formatList : formatNumber, (t) =>
    isList ? parseListText(t) : (parseNumberText(t, false) as { value?: number }).value,
  )
  const [parseError, setParseError] = useState<string>()
  const typeNumber = (next: string, integer: boolean) => {
    setText(next)
    const parsed = parseNumberText(next, integer)
    setParseError('error' in parsed ? parsed.error : undefined)
    if ('value' in parsed) set(parsed.value)
  }
  const typeList = (next: string) => (setText(next), set(parseListText(next)))
  return { text, parseError, typeNumber, typeList }
}

function NumberInput(props: {
  id: string
  field: Extract<ParamField, { kind: 'number' }>
  draft: TypedDraft
  invalid: boolean
}) {
  const { field, draft } = props
  return (
    <>
      <TextInput
        id={props.id}
        value={draft.text}
        invalid={props.invalid || !!draft.parseError}
        onText={(next) => draft.typeNumber(next, field.integer)}
        placeholder={field.default !== undefined ? JSON.stringify(field.default) : undefined}
      />
      {draft.parseError ? (
        <span className="field-error" role="alert">
          {draft.parseError}
        </span>
      ) : null}
    </>
  )
}

/** Yes/no and enum fields: a select whose empty option leaves the param unset. */
function ChoiceSelect(props: {
  id: string
  field: Extract<ParamField, { kind: 'boolean' | 'enum' }>
  value: unknown
  set: Set
  invalid: boolean
}) {
  const { field } = props
  const options = field.kind === 'boolean' ? [true, false] : field.options
  const current = options.findIndex((o) => o === props.value)
  return (
    <select
      id={props.id}
      aria-invalid={props.invalid || undefined}
      value={current < 0 ? '' : String(current)}
      onChange={(e) => props.set(e.target.value === '' ? undefined : options[Number(e.target.value)])}
    >
      <option value="">
        {field.default !== undefined ? `(default: ${JSON.stringify(field.default)})` : '(not set)'}
      </option>
      {options.map((o, n) => (
        <option key={String(o)} value={String(n)}>
          {String(o)}
        </option>
      ))}
    </select>
  )
}

function TypedInput({
  id,
  field,
  value,
  set,
  invalid,
}: {
  id: string
  field: ParamField
  value: unknown
  set: Set
  invalid: boolean
}) {
  const draft = useTypedDraft(field, value, set)
  if (field.kind === 'number') return <NumberInput id={id} field={field} draft={draft} invalid={invalid} />
  if (field.kind === 'string-list')
    return (
      <TextInput id={id} value={draft.text} invalid={invalid} placeholder="a, b, c" onText={draft.typeList} />
    )
  if (field.kind === 'boolean' || field.kind === 'enum')
    return <ChoiceSelect id={id} field={field} value={value} set={set} invalid={invalid} />
  const asText = typeof value === 'string' ? value : ''
  return <TextInput id={id} value={asText} invalid={invalid} onText={(t) => set(t === '' ? undefined : t)} />
}

/** A field of a scalar or list kind (objects and raw JSON render elsewhere). */
export function ParamInput(props: { field: ParamField; value: unknown; onChange: Set; problem?: string }) {
  const { field, value } = props
  const id = useId()
  const [expression, setExpression] = useState(() => isExpression(value))
  const canSwitch = field.kind !== 'string'
  const toggle = canSwitch ? (
    <button
      type="button"
      className="chip param-expression-toggle"
      aria-pressed={expression}
      aria-label={`Use an expression for ${field.key}`}
      onClick={() => {
        setExpression(!expression)
        props.onChange(undefined)
      }}
    >
      {'{{ }}'}
    </button>
  ) : undefined
  return (
    <FieldFrame id={id} field={field} problem={props.problem} toggle={toggle}>
      {expression ? (
        <TextInput
          id={id}
          value={typeof value === 'string' ? value : ''}
          invalid={!!props.problem}
          placeholder="{{ inputs.value }}"
          onText={(t) => props.onChange(t === '' ? undefined : t)}
        />
      ) : (
        <TypedInput id={id} field={field} value={value} set={props.onChange} invalid={!!props.problem} />
      )}
    </FieldFrame>
  )
}
