'use client'
// Keeps a page of the runs list current from the `runs` room: a listed run that changes is
// patched in place; a new run that passes the filters re-fetches the first page; after a
// reconnect the page is re-fetched, since changes made meanwhile are not replayed.
import { useQueryClient, type QueryKey } from '@tanstack/react-query'
import { useRef } from 'react'
import { useLiveRunsRoom } from '@/components/live/use-live-runs-room'
import type { LiveRunSummary } from '@/contracts/live-contract'
import { liveExecutionStatus } from './live-run-summary'
import { matchesFilters, type RunListFilters } from './run-list-query'

const REFETCH_THROTTLE_MS = 500

type Page = {
  items: { id: string; status: string; startedAt: Date | null; finishedAt: Date | null; handledFailures: number }[]
}

export function useLiveRunList(queryKey: QueryKey, filters: RunListFilters, isFirstPage: boolean) {
  const queryClient = useQueryClient()
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const refetchSoon = () => {
    timer.current ??= setTimeout(() => {
      timer.current = undefined
      void queryClient.invalidateQueries({ queryKey })
    }, REFETCH_THROTTLE_MS)
  }
  const onChanged = (run: LiveRunSummary) => {
    const page = queryClient.getQueryData<Page>(queryKey)
    const listed = page?.items.find((r) => r.id === run.id)
    if (listed && page) {
      queryClient.setQueryData<Page>(queryKey, {
        ...page,
        items: page.items.map((r) =>
          r.id === run.id
            ? {
                ...r,
                status: liveExecutionStatus(run.status, r.status as never),
                startedAt: run.startedAt ? new Date(run.startedAt) : r.startedAt,
                finishedAt: run.finishedAt ? new Date(run.finishedAt) : r.finishedAt,
                handledFailures: run.handledFailures,
              }
            : r,
        ),
      })
    } else if (isFirstPage && matchesFilters(run, filters)) refetchSoon()
  }
  return useLiveRunsRoom({ onChanged, onResync: refetchSoon })
}
