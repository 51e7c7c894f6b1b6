'use client'
// "New from template": pick a template (searchable), fill in its variables, open the new
// workflow. Opened from /workflows, or from a card on /templates with the template chosen.
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTRPC } from '@/components/trpc-provider'
import { ApiError } from '@/components/ui/api-error'
import { ModalDialog } from '@/components/ui/modal-dialog'
import { InstantiateTemplateForm } from './instantiate-template-form'

export function NewFromTemplateDialog({ templateId, onClose }: { templateId?: string; onClose: () => void }) {
  const trpc = useTRPC()
  const templates = useQuery(trpc.templates.list.queryOptions({}))
  const [search, setSearch] = useState('')
  const [chosenId, setChosenId] = useState<string | null>(templateId ?? null)
  const chosen = templates.data?.find((t) => t.id === chosenId)
  const q = search.trim().toLowerCase()
  const shown = (templates.data ?? []).filter(
    (t) => q === '' || `${t.name} ${t.description ?? ''} ${t.category ?? ''}`.toLowerCase().includes(q),
  )
  if (chosen) {
    return (
      // Keyed apart from the list, so the dialog opens anew and focus lands on the form.
      <ModalDialog key="form" title={`New workflow from “${chosen.name}”`} onClose={onClose} wide>
        {chosen.description ? <p className="muted">{chosen.description}</p> : null}
        <InstantiateTemplateForm
          template={chosen}
          onCancel={templateId ? onClose : () => setChosenId(null)}
          cancelLabel={templateId ? 'Cancel' : 'Back to templates'}
        />
      </ModalDialog>
    )
  }
  return (
    <ModalDialog key="list" title="New from template" onClose={onClose} wide>
      <ApiError error={templates.error} />
      <input
        type="search"
        aria-label="Search templates"
        placeholder="Search templates"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        data-autofocus
      />
      {templates.isPending ? <p className="muted">Loading templates…</p> : null}
      <ul className="template-choices" aria-label="Templates">
        {shown.map((t) => (
          <li key={t.id}>
            <button type="button" className="template-choice" onClick={() => setChosenId(t.id)}>
              <strong>{t.name}</strong> <span className="badge">{t.category}</span>
              {t.description ? <small>{t.description}</small> : null}
              <small>
                {t.variables.length
                  ? `Asks for: ${t.variables.map((v) => v.name).join(', ')}`
                  : 'No variables to fill in'}
              </small>
            </button>
          </li>
        ))}
      </ul>
      {templates.data && shown.length === 0 ? <p className="muted">No template matches “{search}”.</p> : null}
      <div className="toolbar">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </ModalDialog>
  )
}
