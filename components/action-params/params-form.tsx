'use client'
// The params form generated from an action's schema: one input per property, nested objects as
// groups, values the form cannot split as raw JSON; each field shows its own problem inline.
import { useId, useState } from 'react'
import { issuesAt, type ParamIssue } from './param-issues'
import { ParamInput, RequiredMark } from './param-input'
import type { ParamField, ParamForm } from './param-schema'
import { paramAt, setParam, type Params } from './param-values'

type Props = { params: Params; onChange: (next: Params) => void; issues: readonly ParamIssue[] }

function RawValue({ field, ...props }: Props & { field: ParamField }) {
  const id = useId()
  const value = paramAt(props.params, field.path)
  const [text, setText] = useState(() => (value === undefined ? '' : JSON.stringify(value)))
  const [error, setError] = useState<string>()
  const problem = error ?? issuesAt(props.issues, field.path)[0]?.message
  const apply = (next: string) => {
    setText(next)
    try {
      const parsed: unknown = next.trim() === '' ? undefined : JSON.parse(next)
      setError(undefined)
      props.onChange(setParam(props.params, field.path, parsed))
    } catch {
      setError('Not valid JSON yet; the step keeps its last valid value.')
    }
  }
  return (
    <div className="field param-field">
      <div className="param-field-label">
        <label htmlFor={id}>{field.key} (JSON)</label>
        {field.required ? <RequiredMark /> : null}
      </div>
      <textarea id={id} className="mono" rows={2} value={text} onChange={(e) => apply(e.target.value)} />
      <div className="field-hint">
        {problem ? (
          <span className="field-error" role="alert">
            {problem}
          </span>
        ) : (
          field.description
        )}
      </div>
    </div>
  )
}

function FormField({ field, ...props }: Props & { field: ParamField }) {
  if (field.kind === 'json') return <RawValue field={field} {...props} />
  if (field.kind === 'object')
    return (
      <fieldset className="inspector-group param-group">
        <legend>
          {field.key}
          {field.required ? ' *' : ''}
        </legend>
        {issuesAt(props.issues, field.path).map((i) => (
          <span key={i.message} className="field-error" role="alert">
            {i.message}
          </span>
        ))}
        <FormFields form={field.form} {...props} />
      </fieldset>
    )
  return (
    <ParamInput
      field={field}
      value={paramAt(props.params, field.path)}
      onChange={(value) => props.onChange(setParam(props.params, field.path, value))}
      problem={issuesAt(props.issues, field.path)[0]?.message}
    />
  )
}

export function FormFields({ form, ...props }: Props & { form: ParamForm }) {
  return (
    <>
      {form.fields.map((field) => (
        <FormField key={field.path.join('.')} field={field} {...props} />
      ))}
    </>
  )
}
