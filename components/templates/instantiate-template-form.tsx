'use client'
// Asks for a template's variables (a form generated from their definitions), checks them,
// instantiates the template as a new workflow and opens it in the editor.
import { useMutation } from '@tanstack/react-query'
import { useRouter } from 'next/navigation'
import { useMemo, useState } from 'react'
import { ApiError } from '@/components/ui/api-error'
import { useTRPC } from '@/components/trpc-provider'
import {
  collectValues,
  fieldErrorsFromIssues,
  initialTexts,
  templateVariableSpecs,
  type FieldErrors,
} from '@/components/ui/typed-value'
import { ValueFields } from '@/components/ui/typed-value-fields'
import type { TTemplateVariable } from '@/server/engine/workflow-template'

type TemplateSummary = { id: string; name: string; variables: TTemplateVariable[] }

/**
 * The new workflow's name and the variables' texts, checked in the browser before the call; the
 * server's issues about a variable show on its field, the rest above the form.
 */
function useInstantiateTemplate(template: TemplateSummary) {
  const trpc = useTRPC()
  const router = useRouter()
  const specs = useMemo(() => templateVariableSpecs(template.variables), [template.variables])
  const [name, setName] = useState(template.name)
  const [texts, setTexts] = useState(() => initialTexts(specs))
  const [checked, setChecked] = useState<FieldErrors>({})
  const instantiate = useMutation(
    trpc.templates.instantiate.mutationOptions({
      onSuccess: (saved) => router.push(`/workflows/${saved.workflowId}`),
    }),
  )
  const serverErrors = fieldErrorsFromIssues(
    instantiate.error?.data?.issues,
    'variables',
    specs.map((s) => s.name),
  )
  const submit = () => {
    const { values, errors: found } = collectValues(specs, texts)
    setChecked(found)
    if (Object.keys(found).length > 0) return
    instantiate.reset()
    instantiate.mutate({ templateId: template.id, name: name.trim(), values })
  }
  const setText = (variable: string, text: string) => setTexts((all) => ({ ...all, [variable]: text }))
  const errors = { ...serverErrors.fields, ...checked }
  return { specs, name, setName, texts, setText, errors, otherIssues: serverErrors.rest, instantiate, submit }
}

export function InstantiateTemplateForm({
  template,
  onCancel,
  cancelLabel = 'Cancel',
}: {
  template: TemplateSummary
  onCancel: () => void
  cancelLabel?: string
}) {
  const { specs, name, setName, texts, setText, errors, otherIssues, instantiate, submit } =
    useInstantiateTemplate(template)
  const nameId = `${template.id}-name`
  return (
    <form
      aria-label={`Use ${template.name}`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      {instantiate.error && (otherIssues.length > 0 || !instantiate.error.data?.issues?.length) ? (
        <ApiError error={{ message: instantiate.error.message, data: { issues: otherIssues } }} />
      ) : null}
      <div className="form-row">
        <label htmlFor={nameId}>Workflow name</label>
        <input
          id={nameId}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={120}
          data-autofocus
        />
      </div>
      <ValueFields
        idPrefix={template.id}
        specs={specs}
        texts={texts}
        errors={errors}
        onChange={setText}
        empty="This template has no variables."
      />
      <div className="toolbar">
        <button type="submit" className="primary" disabled={instantiate.isPending || !name.trim()}>
          {instantiate.isPending ? 'Creating…' : 'Create workflow'}
        </button>
        <button type="button" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </form>
  )
}
