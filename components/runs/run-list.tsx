'use client'
// The /runs page: recent runs, newest first, filtered by status and workflow from the query
// string; polls every second while a listed run is still going.
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import Link from 'next/link'
import { ApiError } from '@/components/ui/api-error'
import { useTRPC } from '@/components/trpc-provider'
import { isTerminalExecutionStatus, type ExecutionStatus } from '@/server/engine/run/run-status'
import { RunListFilters } from './run-list-filters'
import { RunStatusBadge } from './run-status-badge'
import { elapsedMs, formatDuration } from './run-timing'

const PAGE_SIZE = 25

export function RunList(props: {
  status: ExecutionStatus | undefined
  workflowId: string | undefined
  page: number
}) {
  const trpc = useTRPC()
  const { status, workflowId, page } = props
  const runs = useQuery({
    ...trpc.runs.list.queryOptions({ status, workflowId, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data?.items.some((r) => !isTerminalExecutionStatus(r.status)) ? 1000 : 5000,
  })
  const workflows = useQuery(trpc.workflows.list.queryOptions({ pageSize: 100, sort: 'updated' }))
  const names = new Map(workflows.data?.items.map((w) => [w.id, w.name]))
  const total = runs.data?.total ?? 0
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const pageHref = (n: number) => {
    const query = new URLSearchParams()
    if (status) query.set('status', status)
    if (workflowId) query.set('workflowId', workflowId)
    if (n > 1) query.set('page', String(n))
    const text = query.toString()
    return text ? `/runs?${text}` : '/runs'
  }
  return (
    <>
      <h1>Runs</h1>
      <RunListFilters
        key={`${status ?? ''}|${workflowId ?? ''}`}
        status={status}
        workflowId={workflowId}
        workflows={workflows.data?.items ?? []}
      />
      <ApiError error={runs.error} />
      <table aria-label="Runs">
        <thead>
          <tr>
            <th>Run</th>
            <th>Status</th>
            <th>Workflow</th>
            <th>Trigger</th>
            <th>Started</th>
            <th>Duration</th>
          </tr>
        </thead>
        <tbody>
          {runs.data?.items.map((r) => (
            <tr key={r.id} data-run-id={r.id}>
              <td>
                <Link href={`/runs/${r.id}`} className="mono">
                  {r.id.slice(0, 8)}
                </Link>
              </td>
              <td>
                <RunStatusBadge status={r.status} />
              </td>
              <td>
                {r.workflowId ? (
                  <Link href={`/workflows/${r.workflowId}`}>
                    {names.get(r.workflowId) ?? r.workflowId.slice(0, 8)}
                  </Link>
                ) : (
                  <span className="muted">deleted</span>
                )}{' '}
                <span className="muted">v{r.workflowVersion}</span>
              </td>
              <td>{r.trigger}</td>
              <td>{(r.startedAt ?? r.createdAt).toLocaleString()}</td>
              <td>{formatDuration(elapsedMs(r.startedAt ?? r.createdAt, r.finishedAt))}</td>
            </tr>
          ))}
          {runs.data && runs.data.items.length === 0 ? (
            <tr>
              <td colSpan={6} className="muted">
                {status || workflowId
                  ? 'No run matches these filters.'
                  : 'No runs yet: open a workflow and run it.'}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <nav className="pager" aria-label="Pages">
        {page > 1 ? <Link href={pageHref(page - 1)}>Previous</Link> : null}
        <span className="muted">
          Page {page} of {pages} · {total} run{total === 1 ? '' : 's'}
        </span>
        {page < pages ? <Link href={pageHref(page + 1)}>Next</Link> : null}
      </nav>
    </>
  )
}
