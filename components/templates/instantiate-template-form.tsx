'use client'
import { useMutation } from '@tanstack/react-query'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { ApiError } from '@/components/ui/api-error'
import { useTRPC } from '@/components/trpc-provider'
import type { TTemplateVariable } from '@/server/engine/workflow-template'

type TemplateSummary = { id: string; name: string; variables: TTemplateVariable[] }

function initialText(variable: TTemplateVariable): string {
  const value: unknown = variable.default
  if (value === undefined || value === null) return ''
  if (Array.isArray(value)) return value.map((item) => JSON.stringify(item).replace(/^"|"$/g, '')).join(', ')
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** Form values are text; convert them to the variable's declared type for the server to check. */
function toValue(variable: TTemplateVariable, text: string): unknown {
  switch (variable.type) {
    case 'number':
    case 'integer':
      if (text.trim() === '') return undefined
      // Send text that is not a number as it is, so the server's error quotes what was typed.
      return Number.isFinite(Number(text)) ? Number(text) : text
    case 'boolean':
      return text === 'true'
    case 'string[]':
      return text.split(',').map((s) => s.trim()).filter(Boolean)
    default:
      return text
  }
}

export function InstantiateTemplateForm({ template, onCancel }: { template: TemplateSummary; onCancel: () => void }) {
  const trpc = useTRPC()
  const router = useRouter()
  const [name, setName] = useState(template.name)
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(template.variables.map((v) => [v.name, initialText(v)])),
  )
  const instantiate = useMutation(
    trpc.templates.instantiate.mutationOptions({
      onSuccess: (saved) => router.push(`/workflows/${saved.workflowId}`),
    }),
  )
  return (
    <form
      aria-label={`Use ${template.name}`}
      onSubmit={(event) => {
        event.preventDefault()
        const values = Object.fromEntries(
          template.variables
            .map((v) => [v.name, toValue(v, texts[v.name] ?? '')] as const)
            .filter(([, value]) => value !== undefined && value !== ''),
        )
        instantiate.mutate({ templateId: template.id, name: name.trim(), values })
      }}
    >
      <ApiError error={instantiate.error} />
      <div className="form-row">
        <label htmlFor={`${template.id}-name`}>Workflow name</label>
        <input id={`${template.id}-name`} value={name} onChange={(e) => setName(e.target.value)} required />
      </div>
      {template.variables.map((v) => (
        <div className="form-row" key={v.name}>
          <label htmlFor={`${template.id}-${v.name}`}>
            {v.name} <span className="muted">({v.type}{v.required ? ', required' : ''})</span>
          </label>
          {v.type === 'boolean' ? (
            <select
              id={`${template.id}-${v.name}`}
              value={texts[v.name] ?? 'false'}
              onChange={(e) => setTexts({ ...texts, [v.name]: e.target.value })}
            >
              <option value="true">true</option>
              <option value="false">false</option>
            </select>
          ) : (
            <input
              id={`${template.id}-${v.name}`}
              value={texts[v.name] ?? ''}
              onChange={(e) => setTexts({ ...texts, [v.name]: e.target.value })}
            />
          )}
          {v.description ? <span className="muted">{v.description}</span> : null}
        </div>
      ))}
      <div className="toolbar">
        <button type="submit" className="primary" disabled={instantiate.isPending}>
          Create workflow
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
