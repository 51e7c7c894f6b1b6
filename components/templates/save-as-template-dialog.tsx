'use client'
// "Save as template" from the editor: name, description and category, plus one variable per
// `[[ name ]]` placeholder found in the saved version. Calls templates.createFromWorkflow.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useMemo, useState, type FormEvent } from 'react'
import { useTRPC } from '@/components/trpc-provider'
import { ApiError } from '@/components/ui/api-error'
import { ModalDialog } from '@/components/ui/modal-dialog'
import { parseValueText } from '@/components/ui/typed-value'
import { ValueInput } from '@/components/ui/typed-value-fields'
import {
  TEMPLATE_VARIABLE_TYPES,
  type TTemplateVariable,
  type TTemplateVariableType,
} from '@/server/engine/workflow-template'
import { findPlaceholders } from './template-placeholders'

type VariableDraft = {
  type: TTemplateVariableType
  required: boolean
  defaultText: string
  description: string
}
const FIELDS = ['name', 'description', 'category'] as const
type Field = (typeof FIELDS)[number]

function toVariables(drafts: Record<string, VariableDraft>): {
  variables: TTemplateVariable[]
  errors: Record<string, string>
} {
  const variables: TTemplateVariable[] = []
  const errors: Record<string, string> = {}
  for (const [name, d] of Object.entries(drafts)) {
    const parsed = parseValueText({ name, type: d.type }, d.defaultText)
    if (!parsed.ok) errors[name] = `Default of ${parsed.message}`
    const variable: TTemplateVariable = { name, type: d.type }
    if (d.required) variable.required = true
    if (parsed.ok && parsed.value !== undefined)
      variable.default = parsed.value as TTemplateVariable['default']
    if (d.description.trim()) variable.description = d.description.trim()
    variables.push(variable)
  }
  return { variables, errors }
}

export function SaveAsTemplateDialog({
  workflowId,
  version,
  doc,
  dirty,
  onClose,
  onSaved,
}: {
  workflowId: string
  version: number
  /** The saved version's document: the template is made from it. */
  doc: { name?: unknown; description?: unknown }
  dirty: boolean
  onClose: () => void
  onSaved: (templateName: string) => void
}) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const categories = useQuery(trpc.templates.list.queryOptions({}))
  const placeholders = useMemo(() => findPlaceholders(doc), [doc])
  const [form, setForm] = useState<Record<Field, string>>({
    name: typeof doc.name === 'string' ? doc.name : '',
    description: typeof doc.description === 'string' ? doc.description : '',
    category: 'general',
  })
  const [drafts, setDrafts] = useState<Record<string, VariableDraft>>(() =>
    Object.fromEntries(
      placeholders.map((p) => [p, { type: 'string', required: false, defaultText: '', description: '' }]),
    ),
  )
  const [variableErrors, setVariableErrors] = useState<Record<string, string>>({})
  const create = useMutation(
    trpc.templates.createFromWorkflow.mutationOptions({
      onSuccess: async (saved) => {
        await queryClient.invalidateQueries({ queryKey: trpc.templates.list.queryKey() })
        onSaved(saved.name)
      },
    }),
  )
  const issues = create.error?.data?.issues ?? []
  const fieldError = (field: Field) => issues.find((i) => i.path[0] === field)?.message
  const rest = issues.filter((i) => !FIELDS.includes(i.path[0] as Field))
  const setDraft = (name: string, patch: Partial<VariableDraft>) =>
    setDrafts((all) => ({ ...all, [name]: { ...(all[name] as VariableDraft), ...patch } }))

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const { variables, errors } = toVariables(drafts)
    setVariableErrors(errors)
    if (Object.keys(errors).length > 0) return
    create.mutate({
      workflowId,
      version,
      name: form.name.trim(),
      description: form.description.trim() || undefined,
      category: form.category.trim() || undefined,
      variables,
    })
  }
  const text = (field: Field, label: string, extra?: { multiline?: boolean; list?: string }) => {
    const error = fieldError(field)
    const props = {
      id: `template-${field}`,
      value: form[field],
      onChange: (ev: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: ev.target.value })),
      'aria-invalid': error ? true : undefined,
      'aria-describedby': error ? `template-${field}-error` : undefined,
    }
    return (
      <div className="form-row">
        <label htmlFor={props.id}>{label}</label>
        {extra?.multiline ? (
          <textarea {...props} rows={2} />
        ) : (
          <input {...props} list={extra?.list} data-autofocus={field === 'name' ? true : undefined} />
        )}
        {error ? (
          <span className="field-error" role="alert" id={`template-${field}-error`}>
            {error}
          </span>
        ) : null}
      </div>
    )
  }
  const knownCategories = [
    ...new Set(['general', ...(categories.data ?? []).map((t) => t.category ?? 'general')]),
  ]
  return (
    <ModalDialog title="Save as template" onClose={onClose} wide>
      <form aria-label="Save as template" onSubmit={submit} noValidate>
        <p className="muted">
          Made from the saved version v{version}.
          {dirty ? ' Your unsaved changes are not included; save first to include them.' : ''}
        </p>
        {create.error && (rest.length > 0 || issues.length === 0) ? (
          <ApiError error={{ message: create.error.message, data: { issues: rest } }} />
        ) : null}
        {text('name', 'Template name')}
        {text('description', 'Description', { multiline: true })}
        {text('category', 'Category', { list: 'template-categories' })}
        <datalist id="template-categories">
          {knownCategories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <fieldset className="inspector-group">
          <legend>Variables</legend>
          {placeholders.length === 0 ? (
            <p className="muted">
              No <code>[[ name ]]</code> placeholders in this workflow: the template will ask for nothing.
              Write e.g. <code>[[ service ]]</code> in a step’s name or parameters to make it a variable.
            </p>
          ) : null}
          {placeholders.map((name) => {
            const d = drafts[name] as VariableDraft
            const error = variableErrors[name]
            return (
              <div key={name} className="template-variable" role="group" aria-label={`Variable ${name}`}>
                <code>[[ {name} ]]</code>
                <select
                  aria-label={`Type of ${name}`}
                  value={d.type}
                  onChange={(e) => setDraft(name, { type: e.target.value as TTemplateVariableType })}
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
                    onChange={(e) => setDraft(name, { required: e.target.checked })}
                  />{' '}
                  required
                </label>
                <ValueInput
                  id={`template-var-${name}`}
                  label={`Default of ${name}`}
                  spec={{ type: d.type }}
                  text={d.defaultText}
                  onChange={(t) => setDraft(name, { defaultText: t })}
                  error={error !== undefined}
                />
                <input
                  aria-label={`Description of ${name}`}
                  placeholder="description"
                  value={d.description}
                  onChange={(e) => setDraft(name, { description: e.target.value })}
                />
                {error ? (
                  <span className="field-error" role="alert">
                    {error}
                  </span>
                ) : null}
              </div>
            )
          })}
        </fieldset>
        <div className="toolbar">
          <button type="submit" className="primary" disabled={create.isPending || !form.name.trim()}>
            {create.isPending ? 'Saving…' : 'Save template'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </ModalDialog>
  )
}
