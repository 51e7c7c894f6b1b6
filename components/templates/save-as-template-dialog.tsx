'use client'
// "Save as template" from the editor: name, description and category, plus one variable per
// `[[ name ]]` placeholder found in the saved version. Calls templates.createFromWorkflow.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { useTRPC } from '@/components/trpc-provider'
import { ApiError } from '@/components/ui/api-error'
import { ModalDialog } from '@/components/ui/modal-dialog'
import type { WorkflowIssue } from '@/server/engine/workflow-issues'
import { findPlaceholders } from './template-placeholders'
import { initialDrafts, toVariables, type VariableDraft } from './template-variable-drafts'
import { TemplateVariableFields } from './template-variable-fields'

const FIELDS = ['name', 'description', 'category'] as const
type Field = (typeof FIELDS)[number]
type TemplateDoc = { name?: unknown; description?: unknown }

/** The dialog's drafts and the create call; `submit` checks the variables' defaults first. */
function useSaveAsTemplate({
  workflowId,
  version,
  doc,
  onSaved,
}: {
  workflowId: string
  version: number
  doc: TemplateDoc
  onSaved: (templateName: string) => void
}) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const placeholders = useMemo(() => findPlaceholders(doc), [doc])
  const [form, setForm] = useState<Record<Field, string>>(() => ({
    name: typeof doc.name === 'string' ? doc.name : '',
    description: typeof doc.description === 'string' ? doc.description : '',
    category: 'general',
  }))
  const [drafts, setDrafts] = useState(() => initialDrafts(placeholders))
  const [variableErrors, setVariableErrors] = useState<Record<string, string>>({})
  const create = useMutation(
    trpc.templates.createFromWorkflow.mutationOptions({
      onSuccess: async (saved) => {
        await queryClient.invalidateQueries({ queryKey: trpc.templates.list.queryKey() })
        onSaved(saved.name)
      },
    }),
  )
  const setField = (field: Field, value: string) => setForm((f) => ({ ...f, [field]: value }))
  const setDraft = (name: string, patch: Partial<VariableDraft>) =>
    setDrafts((all) => ({ ...all, [name]: { ...(all[name] as VariableDraft), ...patch } }))
  const submit = () => {
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
  return { placeholders, form, setField, drafts, setDraft, variableErrors, create, submit }
}

/** A labelled field of the template; its server-side error, if any, shows beneath it. */
function TemplateTextField({
  field,
  label,
  value,
  onValue,
  error,
  multiline,
  list,
}: {
  field: Field
  label: string
  value: string
  onValue: (value: string) => void
  error: string | undefined
  multiline?: boolean
  list?: string
}) {
  const props = {
    id: `template-${field}`,
    value,
    onChange: (ev: { target: { value: string } }) => onValue(ev.target.value),
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `template-${field}-error` : undefined,
  }
  return (
    <div className="form-row">
      <label htmlFor={props.id}>{label}</label>
      {multiline ? (
        <textarea {...props} rows={2} />
      ) : (
        <input {...props} list={list} data-autofocus={field === 'name' ? true : undefined} />
      )}
      {error ? (
        <span className="field-error" role="alert" id={`template-${field}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  )
}

/** Suggestions for the category field: "general" and every category already in use. */
function TemplateCategoryList({ id }: { id: string }) {
  const trpc = useTRPC()
  const templates = useQuery(trpc.templates.list.queryOptions({}))
  const known = [...new Set(['general', ...(templates.data ?? []).map((t) => t.category ?? 'general')])]
  return (
    <datalist id={id}>
      {known.map((c) => (
        <option key={c} value={c} />
      ))}
    </datalist>
  )
}

type SaveAsTemplateDialogProps = {
  workflowId: string
  version: number
  /** The saved version's document: the template is made from it. */
  doc: TemplateDoc
  dirty: boolean
  onClose: () => void
  onSaved: (templateName: string) => void
}

/** Name, description and category, each showing the server's issue about it. */
function TemplateDetailsFields({
  form,
  onField,
  issues,
}: {
  form: Record<Field, string>
  onField: (field: Field, value: string) => void
  issues: WorkflowIssue[]
}) {
  const errorOf = (field: Field) => issues.find((i) => i.path[0] === field)?.message
  return (
    <>
      <TemplateTextField
        field="name"
        label="Template name"
        value={form.name}
        onValue={(value) => onField('name', value)}
        error={errorOf('name')}
      />
      <TemplateTextField
        field="description"
        label="Description"
        value={form.description}
        onValue={(value) => onField('description', value)}
        error={errorOf('description')}
        multiline
      />
      <TemplateTextField
        field="category"
        label="Category"
        value={form.category}
        onValue={(value) => onField('category', value)}
        error={errorOf('category')}
        list="template-categories"
      />
      <TemplateCategoryList id="template-categories" />
    </>
  )
}

export function SaveAsTemplateDialog({
  workflowId,
  version,
  doc,
  dirty,
  onClose,
  onSaved,
}: SaveAsTemplateDialogProps) {
  const save = useSaveAsTemplate({ workflowId, version, doc, onSaved })
  const { create, form } = save
  const issues = create.error?.data?.issues ?? []
  const rest = issues.filter((i) => !FIELDS.includes(i.path[0] as Field))
  return (
    <ModalDialog title="Save as template" onClose={onClose} wide>
      <form
        aria-label="Save as template"
        onSubmit={(e) => {
          e.preventDefault()
          save.submit()
        }}
        noValidate
      >
        <p className="muted">
          Made from the saved version v{version}.
          {dirty ? ' Your unsaved changes are not included; save first to include them.' : ''}
        </p>
        {create.error && (rest.length > 0 || issues.length === 0) ? (
          <ApiError error={{ message: create.error.message, data: { issues: rest } }} />
        ) : null}
        <TemplateDetailsFields form={form} onField={save.setField} issues={issues} />
        <TemplateVariableFields
          placeholders={save.placeholders}
          drafts={save.drafts}
          errors={save.variableErrors}
          onDraft={save.setDraft}
        />
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
