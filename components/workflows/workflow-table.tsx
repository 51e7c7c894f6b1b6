'use client'
// The /workflows table: one row per workflow with its actions (export for all; archive and
// delete for the roles that may), and a line saying why it is empty.
import Link from 'next/link'
import type { z } from 'zod'
import type { ZWorkflowSummary } from '@/server/api/routers/workflows/list-workflows.types'

type WorkflowSummary = z.infer<typeof ZWorkflowSummary>

/** What a row's buttons do; an action left out is one the caller's role may not take. */
export type WorkflowRowActions = {
  onExport: (id: string) => void
  onArchive?: ((workflow: WorkflowSummary) => void) | undefined
  onDelete?: ((workflow: WorkflowSummary) => void) | undefined
}

function WorkflowRow({ workflow: w, actions }: { workflow: WorkflowSummary; actions: WorkflowRowActions }) {
  const { onArchive, onDelete } = actions
  return (
    <tr data-workflow-id={w.id}>
      <td>
        <Link href={`/workflows/${w.id}`}>{w.name}</Link>{' '}
        {w.archived ? <span className="badge">archived</span> : null}
        <div className="muted">{w.description}</div>
      </td>
      <td>{w.stepCount}</td>
      <td>v{w.latestVersion}</td>
      <td>{w.updatedAt.toLocaleString()}</td>
      <td className="actions">
        <button type="button" onClick={() => actions.onExport(w.id)}>
          Export
        </button>
        {onArchive ? (
          <button type="button" onClick={() => onArchive(w)}>
            {w.archived ? 'Unarchive' : 'Archive'}
          </button>
        ) : null}
        {onDelete ? (
          <button
            type="button"
            className="danger"
            onClick={() => {
              if (window.confirm(`Delete “${w.name}” and all its versions? Past runs keep their copy.`))
                onDelete(w)
            }}
          >
            Delete
          </button>
        ) : null}
      </td>
    </tr>
  )
}

export function WorkflowTable({
  items,
  isSearching,
  actions,
}: {
  /** Undefined while the first page loads. */
  items: WorkflowSummary[] | undefined
  isSearching: boolean
  actions: WorkflowRowActions
}) {
  return (
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
        {items?.map((w) => (
          <WorkflowRow key={w.id} workflow={w} actions={actions} />
        ))}
        {items && items.length === 0 ? (
          <tr>
            <td colSpan={5} className="muted">
              {isSearching
                ? 'No workflow matches this search.'
                : 'No workflows yet: create one, import a file, or start from a template.'}
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  )
}
