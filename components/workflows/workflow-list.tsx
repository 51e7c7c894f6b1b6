'use client'
// The /workflows page: search, sort, paginate, create (empty or from a template), import,
// export, archive, delete.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import Link from 'next/link'
import { useState } from 'react'
import { useCan } from '@/components/auth/use-auth-status'
import { ApiError } from '@/components/ui/api-error'
import { downloadText } from '@/components/ui/download-text'
import { useTRPC, useTRPCClient } from '@/components/trpc-provider'
import { NewFromTemplateDialog } from '@/components/templates/new-from-template-dialog'
import { ImportWorkflowButton, useImportWorkflow } from './import-workflow-button'
import { NewWorkflowForm } from './new-workflow-form'

const PAGE_SIZE = 25

export function WorkflowList() {
  const trpc = useTRPC()
  const client = useTRPCClient()
  const queryClient = useQueryClient()
  const [search, setSearch] = useState('')
  const [sort, setSort] = useState<'updated' | 'name' | 'created'>('updated')
  const [page, setPage] = useState(1)
  const [includeArchived, setIncludeArchived] = useState(false)
  const [creating, setCreating] = useState(false)
  const [fromTemplate, setFromTemplate] = useState(false)
  const [actionError, setActionError] = useState<Error | null>(null)
  const list = useQuery({
    ...trpc.workflows.list.queryOptions({ search, sort, page, pageSize: PAGE_SIZE, includeArchived }),
    placeholderData: keepPreviousData,
  })
  const imported = useImportWorkflow()
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.workflows.list.queryKey() })
  const archive = useMutation(trpc.workflows.archive.mutationOptions({ onSuccess: refresh }))
  const remove = useMutation(trpc.workflows.delete.mutationOptions({ onSuccess: refresh }))
  // Hidden rather than refused: the server checks the same matrix (server/auth/permissions.ts).
  const canCreate = useCan('workflows.create')
  const canInstantiate = useCan('templates.instantiate')
  const canImport = useCan('workflows.import')
  const canArchive = useCan('workflows.archive')
  const canDelete = useCan('workflows.delete')

  async function exportWorkflow(id: string) {
    setActionError(null)
    try {
      const file = await client.workflows.export.query({ id })
      downloadText(file.filename, file.json)
    } catch (error) {
      setActionError(error as Error)
    }
  }

  const total = list.data?.total ?? 0
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  return (
    <>
      <div className="toolbar">
        <h1 className="grow">Workflows</h1>
        {canCreate ? (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New workflow
          </button>
        ) : null}
        {canInstantiate ? (
          <button type="button" onClick={() => setFromTemplate(true)}>
            New from template…
          </button>
        ) : null}
        {canImport ? <ImportWorkflowButton mutation={imported} /> : null}
      </div>
      {creating ? <NewWorkflowForm onCancel={() => setCreating(false)} /> : null}
      {fromTemplate ? <NewFromTemplateDialog onClose={() => setFromTemplate(false)} /> : null}
      <ApiError error={imported.error} title="Import failed" />
      {imported.data ? (
        <div className="notice" role="status">
          Imported “{imported.data.definition.name}”.{' '}
          <Link href={`/workflows/${imported.data.workflowId}`}>Open it</Link>
        </div>
      ) : null}
      <ApiError error={actionError ?? archive.error ?? remove.error} />
      <div className="toolbar">
        <input
          type="search"
          placeholder="Search workflows"
          aria-label="Search workflows"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value)
            setPage(1)
          }}
        />
        <label>
          Sort{' '}
          <select value={sort} onChange={(e) => setSort(e.target.value as typeof sort)} aria-label="Sort by">
            <option value="updated">Last updated</option>
            <option value="name">Name</option>
            <option value="created">Created</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />{' '}
          Show archived
        </label>
      </div>
      <ApiError error={list.error} />
      <table aria-label="Workflows">
        <thead>
          <tr>
            <th>Name</th>
            <th>Steps</th>
            <th>Version</th>
            <th>Updated</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.items.map((w) => (
            <tr key={w.id} data-workflow-id={w.id}>
              <td>
                <Link href={`/workflows/${w.id}`}>{w.name}</Link> {w.archived ? <span className="badge">archived</span> : null}
                <div className="muted">{w.description}</div>
              </td>
              <td>{w.stepCount}</td>
              <td>v{w.latestVersion}</td>
              <td>{w.updatedAt.toLocaleString()}</td>
              <td className="actions">
                <button type="button" onClick={() => exportWorkflow(w.id)}>
                  Export
                </button>
                {canArchive ? (
                  <button type="button" onClick={() => archive.mutate({ id: w.id, archived: !w.archived })}>
                    {w.archived ? 'Unarchive' : 'Archive'}
                  </button>
                ) : null}
                {canDelete ? (
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      if (window.confirm(`Delete “${w.name}” and all its versions? Past runs keep their copy.`)) {
                        remove.mutate({ id: w.id })
                      }
                    }}
                  >
                    Delete
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
          {list.data && list.data.items.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">
                {search ? 'No workflow matches this search.' : 'No workflows yet: create one, import a file, or start from a template.'}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <div className="pager">
        <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          Previous
        </button>
        <span className="muted">
          Page {page} of {pages} · {total} workflow{total === 1 ? '' : 's'}
        </span>
        <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          Next
        </button>
      </div>
    </>
  )
}
