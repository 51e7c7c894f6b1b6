'use client'
// The /runs page: runs newest first, filtered from the query string, paged by cursor (so the
// 4,000th page costs what the first does) and kept live from /live's `runs` room.
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import Link from 'next/link'
import { ApiError } from '@/components/ui/api-error'
import { useTRPC } from '@/components/trpc-provider'
import { LiveIndicator } from './live-indicator'
import { RunListFilters } from './run-list-filters'
import {
  decodeCursor,
  encodeCursor,
  isFiltering,
  runListHref,
  timeRange,
  type RunListQuery,
} from './run-list-query'
import { RunRow } from './run-row'
import { useLiveRunList } from './use-live-run-list'

const PAGE_SIZE = 25
const FALLBACK_REFETCH_MS = 30_000

type RunPage = NonNullable<ReturnType<typeof useRunPage>['runs']['data']>

/** The page of runs the query asks for, kept live while it is the newest page. */
function useRunPage(query: RunListQuery, workflowId: string | undefined) {
  const trpc = useTRPC()
  const { before, after, ...urlFilters } = query
  const filters = workflowId ? { ...urlFilters, workflowId } : urlFilters
  const afterCursor = decodeCursor(after)
  const beforeCursor = decodeCursor(before)
  const input = {
    status: filters.status,
    workflowId: filters.workflowId,
    trigger: filters.trigger,
    deviceId: filters.deviceId,
    ...(filters.tests ? { includeTests: true } : {}),
    ...timeRange(filters),
    cursor: afterCursor ?? beforeCursor,
    direction: afterCursor ? ('newer' as const) : ('older' as const),
    limit: PAGE_SIZE,
  }
  const runs = useQuery({
    ...trpc.runs.page.queryOptions(input),
    placeholderData: keepPreviousData,
    refetchInterval: FALLBACK_REFETCH_MS,
  })
  const { connected } = useLiveRunList(trpc.runs.page.queryKey(input), filters, !input.cursor)
  return { filters, runs, connected, isFirstPage: !input.cursor }
}

function RunTable({ page, isFiltered }: { page: RunPage | undefined; isFiltered: boolean }) {
  return (
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
        {page?.items.map((r) => (
          <RunRow key={r.id} run={r} />
        ))}
        {page && page.items.length === 0 ? (
          <tr>
            <td colSpan={6} className="muted">
              {isFiltered ? 'No run matches these filters.' : 'No runs yet: open a workflow and run it.'}
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  )
}

/** `workflowId`: the list of one workflow's runs, at /workflows/<id>/runs. */
export function RunList({ query, workflowId }: { query: RunListQuery; workflowId?: string }) {
  const trpc = useTRPC()
  const { filters, runs, connected, isFirstPage } = useRunPage(query, workflowId)
  const basePath = workflowId ? `/workflows/${workflowId}/runs` : '/runs'
  /** Links keep the workflow in the path, not the query, on a workflow's own page. */
  const href = (q: RunListQuery) => runListHref(workflowId ? { ...q, workflowId: undefined } : q, basePath)
  const workflows = useQuery(trpc.workflows.list.queryOptions({ pageSize: 100, sort: 'updated' }))
  const page = runs.data
  const workflowName = workflowId ? workflows.data?.items.find((w) => w.id === workflowId)?.name : undefined
  return (
    <>
      <div className="toolbar">
        <h1 className="grow">
          {workflowId ? (
            <>
              Runs of <Link href={`/workflows/${workflowId}`}>{workflowName ?? 'workflow'}</Link>
            </>
          ) : (
            'Runs'
          )}
        </h1>
        <LiveIndicator connected={connected} />
      </div>
      <RunListFilters
        key={JSON.stringify(filters)}
        filters={filters}
        workflows={workflows.data?.items ?? []}
        basePath={basePath}
        hideWorkflow={Boolean(workflowId)}
      />
      <ApiError error={runs.error} />
      <RunTable page={page} isFiltered={isFiltering(filters, Boolean(workflowId))} />
      <nav className="pager" aria-label="Pages">
        {page?.newer ? <Link href={href({ ...filters, after: encodeCursor(page.newer) })}>Newer</Link> : null}
        {isFirstPage ? null : <Link href={href(filters)}>Newest</Link>}
        {page?.older ? (
          <Link href={href({ ...filters, before: encodeCursor(page.older) })}>Older</Link>
        ) : null}
      </nav>
    </>
  )
}
