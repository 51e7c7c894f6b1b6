'use client'
// /templates: every template with its variables; "Use template" asks for their values in
// the same dialog as "New from template" on /workflows.
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useCan } from '@/components/auth/use-auth-status'
import { ApiError } from '@/components/ui/api-error'
import { useTRPC } from '@/components/trpc-provider'
import { NewFromTemplateDialog } from './new-from-template-dialog'

export function TemplateGallery() {
  const trpc = useTRPC()
  const [search, setSearch] = useState('')
  const [chosen, setChosen] = useState<string | null>(null)
  const templates = useQuery(trpc.templates.list.queryOptions({ search }))
  // Using a template creates a workflow: editors and admins only (server/auth/permissions.ts).
  const canUse = useCan('templates.instantiate')
  return (
    <>
      <div className="toolbar">
        <h1 className="grow">Templates</h1>
        <input
          type="search"
          placeholder="Search templates"
          aria-label="Search templates"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      <ApiError error={templates.error} />
      <div className="cards">
        {templates.data?.map((t) => (
          <section className="card" key={t.id} aria-label={t.name}>
            <h2>{t.name}</h2>
            <p className="muted">{t.description}</p>
            <p>
              <span className="badge">{t.category}</span> {t.isBuiltin ? <span className="badge">built-in</span> : null}
            </p>
            {t.variables.length ? (
              <p className="muted">Variables: {t.variables.map((v) => v.name).join(', ')}</p>
            ) : null}
            {canUse ? (
              <button type="button" className="primary" onClick={() => setChosen(t.id)}>
                Use template
              </button>
            ) : null}
          </section>
        ))}
        {templates.data && templates.data.length === 0 ? <p className="muted">No templates match.</p> : null}
      </div>
      {chosen && canUse ? <NewFromTemplateDialog key={chosen} templateId={chosen} onClose={() => setChosen(null)} /> : null}
    </>
  )
}
