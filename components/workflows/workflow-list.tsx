'use client'
// The /workflows page: search, sort, paginate, create (empty or from a template), import,
// export, archive, delete.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useCan } from '@/components/auth/use-auth-status'
import { ApiError } from '@/components/ui/api-error'
import { downloadText } from '@/components/ui/download-text'
import { useTRPC, useTRPCClient } from '@/components/trpc-provider'
import { StartWorkflowActions } from './start-workflow-actions'
import { WorkflowTable, type WorkflowRowActions } from './workflow-table'

const PAGE_SIZE = 25

type Sort = 'updated' | 'name' | 'created'

/** What the search box, sort select and archive switch show, and how they change the page. */
type ListControls = {
  search: string
  sort: Sort
  includeArchived: boolean
  setSort: (sort: Sort) => void
  setIncludeArchived: (includeArchived: boolean) => void
  searchFor: (text: string) => void
}

/** The page of workflows the search, sort and archive switch select; a new search starts at page 1. */
function useWorkflowPage() {
  const trpc = useTRPC()
  const [search, setSearch] = useState('')
  const [sort, setSort] = useState<Sort>('updated')
  const [page, setPage] = useState(1)
  const [includeArchived, setIncludeArchived] = useState(false)
  const list = useQuery({
    ...trpc.workflows.list.queryOptions({ search, sort, page, pageSize: PAGE_SIZE, includeArchived }),
    placeholderData: keepPreviousData,
  })
  const total = list.data?.total ?? 0
  const searchFor = (text: string) => {
    setSearch(text)
    setPage(1)
  }
  const listControls: ListControls = { search, sort, includeArchived, setSort, setIncludeArchived, searchFor }
  return { list, listControls, page, setPage, total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) }
}

/** Export, archive and delete, the latter two only for the roles that may; their last error. */
function useWorkflowActions() {
  const trpc = useTRPC()
  const client = useTRPCClient()
  const queryClient = useQueryClient()
  const [exportError, setExportError] = useState<Error | null>(null)
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.workflows.list.queryKey() })
  const archive = useMutation(trpc.workflows.archive.mutationOptions({ onSuccess: refresh }))
  const remove = useMutation(trpc.workflows.delete.mutationOptions({ onSuccess: refresh }))
  const canArchive = useCan('workflows.archive')
  const canDelete = useCan('workflows.delete')
  async function exportWorkflow(id: string) {
    setExportError(null)
    try {
      const file = await client.workflows.export.query({ id })
      downloadText(file.filename, file.json)
    } catch (error) {
      setExportError(error as Error)
    }
  }
  const actions: WorkflowRowActions = {
    onExport: (id) => void exportWorkflow(id),
    onArchive: canArchive ? (w) => archive.mutate({ id: w.id, archived: !w.archived }) : undefined,
    onDelete: canDelete ? (w) => remove.mutate({ id: w.id }) : undefined,
  }
  return { actions, error: exportError ?? archive.error ?? remove.error }
}

function WorkflowListControls({ listControls }: { listControls: ListControls }) {
  return (
    <div className="toolbar">
      <input
        type="search"
        placeholder="Search workflows"
        aria-label="Search workflows"
        value={listControls.search}
        onChange={(e) => listControls.searchFor(e.target.value)}
      />
      <label>
        Sort{' '}
        <select
          value={listControls.sort}
          onChange={(e) => listControls.setSort(e.target.value as Sort)}
          aria-label="Sort by"
        >
          <option value="updated">Last updated</option>
          <option value="name">Name</option>
          <option value="created">Created</option>
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={listControls.includeArchived}
          onChange={(e) => listControls.setIncludeArchived(e.target.checked)}
        />{' '}
        Show archived
      </label>
    </div>
  )
}

export function WorkflowList() {
  const { list, listControls, page, setPage, total, pages } = useWorkflowPage()
  const { actions, error } = useWorkflowActions()
  return (
    <>
      <StartWorkflowActions className="toolbar" heading={<h1 className="grow">Workflows</h1>} />
      <ApiError error={error} />
      <WorkflowListControls listControls={listControls} />
      <ApiError error={list.error} />
      <WorkflowTable items={list.data?.items} isSearching={Boolean(listControls.search)} actions={actions} />
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
