'use client'
// One run input in the field builder: name, type, required, default, description and the
// type's constraints, with its problems listed under it.
import { useId, useState } from 'react'
import { formatOption, formatValue, parseValueText } from '@/components/ui/typed-value'
import { ValueInput } from '@/components/ui/typed-value-fields'
import { INPUT_TYPES, type TInputProperty, type TInputType } from '@/server/engine/input-schema'
import { ListField, NumberField, SelectField, TextField, useDraft } from './fields'

export interface InputFieldCardProps {
  name: string
  prop: TInputProperty
  required: boolean
  /** Problems the validator found in this input. */
  problems: readonly string[]
  /** Why `to` is not a good new name, or undefined. */
  checkName: (to: string) => string | undefined
  onRename: (to: string) => void
  onChange: (patch: Partial<TInputProperty>) => void
  onRequired: (required: boolean) => void
  onRemove: () => void
}

function DefaultField({
  name,
  prop,
  onChange,
}: {
  name: string
  prop: TInputProperty
  onChange: InputFieldCardProps['onChange']
}) {
  const id = useId()
  const spec = { name, type: prop.type, options: prop.enum, itemType: prop.items?.type }
  const [text, setText] = useDraft(
    prop.default,
    (v) => formatValue(spec, v),
    (t, v) => {
      const parsed = parseValueText(spec, t)
      return parsed.ok && JSON.stringify(parsed.value) === JSON.stringify(v)
    },
  )
  const parsed = parseValueText(spec, text)
  return (
    <div className="field">
      <label htmlFor={id}>Default</label>
      <ValueInput
        id={id}
        spec={spec}
        text={text}
        error={!parsed.ok}
        describedBy={`${id}-hint`}
        onChange={(next) => {
          setText(next)
          const value = parseValueText(spec, next)
          if (value.ok) onChange({ default: value.value as TInputProperty['default'] })
        }}
      />
      <div className="field-hint" id={`${id}-hint`}>
        {parsed.ok ? (
          'Used when the run does not give this input; empty for none.'
        ) : (
          <span className="field-error" role="alert">
            {parsed.message.replace(`"${name}"`, 'The default')} It keeps its last valid value.
          </span>
        )}
      </div>
    </div>
  )
}

/** Options as written: numbers for number inputs, so the validator can report the ones that are not. */
function optionValues(type: TInputType, items: string[] | undefined): TInputProperty['enum'] {
  if (!items) return undefined
  if (type !== 'number' && type !== 'integer') return items
  return items.map((item) => (Number.isFinite(Number(item)) ? Number(item) : item))
}

export function InputFieldCard(p: InputFieldCardProps) {
  const nameId = useId()
  const [name, setName] = useState(p.name)
  const nameProblem = p.checkName(name)
  const { prop } = p
  const isNumber = prop.type === 'number' || prop.type === 'integer'
  const applyName = () => {
    if (name !== p.name && !nameProblem) p.onRename(name)
  }
  return (
    <div className="input-field" role="group" aria-label={`Input ${p.name}`}>
      <div className="field">
        <label htmlFor={nameId}>Name</label>
        <input
          id={nameId}
          className={`mono${nameProblem ? ' invalid' : ''}`}
          value={name}
          aria-invalid={nameProblem ? true : undefined}
          onChange={(e) => setName(e.target.value)}
          onBlur={applyName}
          onKeyDown={(e) => e.key === 'Enter' && applyName()}
        />
        <div className="field-hint">
          {nameProblem ? (
            <span className="field-error" role="alert">
              {nameProblem}
            </span>
          ) : (
            <>
              Read as <code>inputs.{name}</code>; renaming updates the references (when you leave the field).
            </>
          )}
        </div>
      </div>
      <SelectField<TInputType>
        label="Type"
        value={prop.type}
        options={INPUT_TYPES}
        onChange={(type) => p.onChange({ type })}
      />
      <label className="checkbox-field">
        <input type="checkbox" checked={p.required} onChange={(e) => p.onRequired(e.target.checked)} />{' '}
        Required
      </label>
      <DefaultField key={prop.type} name={p.name} prop={prop} onChange={p.onChange} />
      <TextField
        label="Description"
        value={prop.description}
        onChange={(v) => p.onChange({ description: v === '' ? undefined : v })}
        placeholder="Shown under the field in the Run form"
      />
      {prop.type === 'string' || isNumber ? (
        <ListField
          label="Allowed values (comma-separated, optional)"
          value={prop.enum?.map(formatOption)}
          onChange={(items) => p.onChange({ enum: optionValues(prop.type, items) })}
        />
      ) : null}
      {isNumber ? (
        <div className="field-pair">
          <NumberField label="Minimum" value={prop.minimum} onChange={(v) => p.onChange({ minimum: v })} />
          <NumberField label="Maximum" value={prop.maximum} onChange={(v) => p.onChange({ maximum: v })} />
        </div>
      ) : null}
      {prop.type === 'string' || prop.type === 'array' ? (
        <div className="field-pair">
          <NumberField
            label="Min length"
            min={0}
            value={prop.minLength}
            onChange={(v) => p.onChange({ minLength: v })}
          />
          <NumberField
            label="Max length"
            min={0}
            value={prop.maxLength}
            onChange={(v) => p.onChange({ maxLength: v })}
          />
        </div>
      ) : null}
      {prop.type === 'array' ? (
        <SelectField<TInputType>
          label="Item type"
          value={prop.items?.type ?? 'string'}
          options={INPUT_TYPES.filter((t) => t !== 'array' && t !== 'object')}
          onChange={(type) => p.onChange({ items: { type } })}
        />
      ) : null}
      {p.problems.length > 0 ? (
        <ul className="inspector-issues" aria-label={`Problems in input ${p.name}`}>
          {p.problems.map((message, i) => (
            <li key={i}>{message}</li>
          ))}
        </ul>
      ) : null}
      <button type="button" className="danger" onClick={p.onRemove}>
        Remove input {p.name}
      </button>
    </div>
  )
}
