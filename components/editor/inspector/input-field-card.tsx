'use client'
// One run input in the field builder: name, type, required, default, description and the
// type's constraints, with its problems listed under it.
import { useId, useState } from 'react'
import { formatValue, parseValueText } from '@/components/ui/typed-value'
import { ValueInput } from '@/components/ui/typed-value-fields'
import { INPUT_TYPES, type TInputProperty, type TInputType } from '@/server/engine/input-schema'
import { SelectField, TextField, useDraft } from './fields'
import { InputConstraintFields } from './input-constraint-fields'

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

/** The input's name: applied when you leave the field (or press Enter), and only when it is a good name. */
function InputNameField({
  name: current,
  checkName,
  onRename,
}: Pick<InputFieldCardProps, 'name' | 'checkName' | 'onRename'>) {
  const nameId = useId()
  const [name, setName] = useState(current)
  const nameProblem = checkName(name)
  const applyName = () => {
    if (name !== current && !nameProblem) onRename(name)
  }
  return (
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
  )
}

function InputProblems({ name, problems }: { name: string; problems: readonly string[] }) {
  if (problems.length === 0) return null
  return (
    <ul className="inspector-issues" aria-label={`Problems in input ${name}`}>
      {problems.map((message, i) => (
        <li key={i}>{message}</li>
      ))}
    </ul>
  )
}

export function InputFieldCard(p: InputFieldCardProps) {
  const { prop } = p
  return (
    <div className="input-field" role="group" aria-label={`Input ${p.name}`}>
      <InputNameField name={p.name} checkName={p.checkName} onRename={p.onRename} />
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
      <InputConstraintFields prop={prop} onChange={p.onChange} />
      <InputProblems name={p.name} problems={p.problems} />
      <button type="button" className="danger" onClick={p.onRemove}>
        Remove input {p.name}
      </button>
    </div>
  )
}
