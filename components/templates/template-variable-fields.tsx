'use client'
// The "Variables" part of "Save as template": per placeholder its type, whether it is required,
// a default and a description.
import { ValueInput } from '@/components/ui/typed-value-fields'
import { TEMPLATE_VARIABLE_TYPES, type TTemplateVariableType } from '@/server/engine/workflow-template'
import type { VariableDraft } from './template-variable-drafts'

function TemplateVariableRow({
  name,
  draft: d,
  error,
  onDraft,
}: {
  name: string
  draft: VariableDraft
  error: string | undefined
  onDraft: (patch: Partial<VariableDraft>) => void
}) {
  return (
    <div className="template-variable" role="group" aria-label={`Variable ${name}`}>
      <code>[[ {name} ]]</code>
      <select
        aria-label={`Type of ${name}`}
        value={d.type}
        onChange={(e) => onDraft({ type: e.target.value as TTemplateVariableType })}
      >
        {TEMPLATE_VARIABLE_TYPES.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <label>
        <input
          type="checkbox"
          checked={d.required}
          onChange={(e) => onDraft({ required: e.target.checked })}
        />{' '}
        required
      </label>
      <ValueInput
        id={`template-var-${name}`}
        label={`Default of ${name}`}
        spec={{ type: d.type }}
        text={d.defaultText}
        onChange={(t) => onDraft({ defaultText: t })}
        error={error !== undefined}
      />
      <input
        aria-label={`Description of ${name}`}
        placeholder="description"
        value={d.description}
        onChange={(e) => onDraft({ description: e.target.value })}
      />
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  )
}

export function TemplateVariableFields({
  placeholders,
  drafts,
  errors,
  onDraft,
}: {
  placeholders: string[]
  drafts: Record<string, VariableDraft>
  errors: Record<string, string>
  onDraft: (name: string, patch: Partial<VariableDraft>) => void
}) {
  return (
    <fieldset className="inspector-group">
      <legend>Variables</legend>
      {placeholders.length === 0 ? (
        <p className="muted">
          No <code>[[ name ]]</code> placeholders in this workflow: the template will ask for nothing. Write
          e.g. <code>[[ service ]]</code> in a step’s name or parameters to make it a variable.
        </p>
      ) : null}
      {placeholders.map((name) => (
        <TemplateVariableRow
          key={name}
          name={name}
          draft={drafts[name] as VariableDraft}
          error={errors[name]}
          onDraft={(patch) => onDraft(name, patch)}
        />
      ))}
    </fieldset>
  )
}
