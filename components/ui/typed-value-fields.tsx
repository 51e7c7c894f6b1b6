'use client'
// Form controls for typed values (see typed-value.ts): one control per type, and a labelled
// list of fields with each field's problem shown under it.
import type { ReactNode } from 'react'
import { formatOption, type FieldErrors, type ValueSpec } from './typed-value'

const PLACEHOLDERS: Partial<Record<ValueSpec['type'], string>> = {
  number: 'a number',
  integer: 'a whole number',
  'string[]': 'a, b, c',
  array: 'a, b, c  or  ["a", "b"]',
  object: '{ "key": "value" }',
}

type ControlAttributes = {
  id: string
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
  'aria-label': string | undefined
}

/** A choice of the options (or true/false); the empty option leaves the value unset, naming the default. */
function ValueChoices(props: {
  attributes: ControlAttributes
  choices: readonly string[]
  defaultValue: ValueSpec['default']
  text: string
  onChange: (text: string) => void
}) {
  return (
    <select {...props.attributes} value={props.text} onChange={(e) => props.onChange(e.target.value)}>
      <option value="">
        {props.defaultValue === undefined ? '(not set)' : `(default: ${formatOption(props.defaultValue)})`}
      </option>
      {props.choices.map((c) => (
        <option key={c} value={c}>
          {c}
        </option>
      ))}
    </select>
  )
}

/** Typed text: JSON in a text area for objects, else one line (monospace but for plain strings). */
function ValueTextBox(props: {
  attributes: ControlAttributes
  type: ValueSpec['type']
  text: string
  onChange: (text: string) => void
}) {
  const { type } = props
  if (type === 'object') {
    return (
      <textarea
        {...props.attributes}
        className="mono"
        rows={3}
        value={props.text}
        placeholder={PLACEHOLDERS.object}
        onChange={(e) => props.onChange(e.target.value)}
      />
    )
  }
  return (
    <input
      {...props.attributes}
      className={type === 'string' ? undefined : 'mono'}
      inputMode={type === 'number' || type === 'integer' ? 'decimal' : undefined}
      value={props.text}
      placeholder={PLACEHOLDERS[type]}
      onChange={(e) => props.onChange(e.target.value)}
    />
  )
}

/** The control for one value: a choice for booleans and enums, JSON text for objects, else a text box. */
export function ValueInput({
  id,
  spec,
  text,
  onChange,
  error,
  describedBy,
  label,
}: {
  id: string
  spec: Pick<ValueSpec, 'type' | 'options' | 'required' | 'default'>
  text: string
  onChange: (text: string) => void
  error?: boolean
  describedBy?: string
  /** An aria-label, when no <label> points at the control. */
  label?: string
}) {
  const common: ControlAttributes = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-label': label,
  }
  const choices = spec.options?.map(formatOption) ?? (spec.type === 'boolean' ? ['true', 'false'] : undefined)
  if (choices)
    return (
      <ValueChoices
        attributes={common}
        choices={choices}
        defaultValue={spec.default}
        text={text}
        onChange={onChange}
      />
    )
  return <ValueTextBox attributes={common} type={spec.type} text={text} onChange={onChange} />
}

/** Labelled fields for `specs`; a field's label reads "<name> (<type>[, required])". */
export function ValueFields({
  idPrefix,
  specs,
  texts,
  errors,
  onChange,
  empty,
}: {
  idPrefix: string
  specs: readonly ValueSpec[]
  texts: Readonly<Record<string, string>>
  errors: FieldErrors
  onChange: (name: string, text: string) => void
  empty?: ReactNode
}) {
  if (specs.length === 0) return empty ? <p className="muted">{empty}</p> : null
  return (
    <>
      {specs.map((spec) => {
        const id = `${idPrefix}-${spec.name}`
        const error = errors[spec.name]
        return (
          <div className="form-row" key={spec.name}>
            <label htmlFor={id}>
              {spec.name}{' '}
              <span className="muted">
                ({spec.type}
                {spec.required ? ', required' : ''})
              </span>
            </label>
            <ValueInput
              id={id}
              spec={spec}
              text={texts[spec.name] ?? ''}
              onChange={(text) => onChange(spec.name, text)}
              error={error !== undefined}
              describedBy={error ? `${id}-error` : spec.description ? `${id}-help` : undefined}
            />
            {spec.description ? (
              <span className="muted" id={`${id}-help`}>
                {spec.description}
              </span>
            ) : null}
            {error ? (
              <span className="field-error" role="alert" id={`${id}-error`}>
                {error}
              </span>
            ) : null}
          </div>
        )
      })}
    </>
  )
}
