'use client'
// Keeps the home page's run panels current from /live's `runs` room: a listed recent run that
// changes is patched in place, a new run re-fetches the recent runs, and a run that ends failed or
// timed out re-fetches the failing workflows. After a reconnect both are re-fetched, since changes
// made meanwhile are not replayed. One subscription serves both panels.
import { useQueryClient, type QueryKey } from '@tanstack/react-query'
import { useRef } from 'react'
import { useLiveRunsRoom } from '@/components/live/use-live-runs-room'
import { liveExecutionStatus } from '@/components/runs/live-run-summary'
import type { ZListRunsPageOutput } from '@/server/api/routers/runs/list-runs-page.types'
import type { LiveRunSummary } from '@/contracts/live-contract'
import type { z } from 'zod'

type RunsPage = z.infer<typeof ZListRunsPageOutput>

/** Bursts of run changes (a fan-out of hundreds) cost one re-fetch per key and interval. */
const REFETCH_THROTTLE_MS = 500
const FAILED_STATUSES: ReadonlySet<string> = new Set(['failed', 'timed_out'])

function useThrottledInvalidate(queryKey: QueryKey): () => void {
  const queryClient = useQueryClient()
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  return () => {
    timer.current ??= setTimeout(() => {
      timer.current = undefined
      void queryClient.invalidateQueries({ queryKey })
    }, REFETCH_THROTTLE_MS)
  }
}

function patchRun(page: RunsPage, run: LiveRunSummary): RunsPage {
  return {
    ...page,
    items: page.items.map((r) =>
      r.id === run.id
        ? {
            ...r,
            status: liveExecutionStatus(run.status, r.status),
            startedAt: run.startedAt ? new Date(run.startedAt) : r.startedAt,
            finishedAt: run.finishedAt ? new Date(run.finishedAt) : r.finishedAt,
            handledFailures: run.handledFailures,
          }
        : r,
    ),
  }
}

export function useHomeLiveRuns(recentKey: QueryKey, failingKey: QueryKey): { connected: boolean } {
  const queryClient = useQueryClient()
  const refetchRecent = useThrottledInvalidate(recentKey)
  const refetchFailing = useThrottledInvalidate(failingKey)
  const onChanged = (run: LiveRunSummary) => {
    const page = queryClient.getQueryData<RunsPage>(recentKey)
    if (page?.items.some((r) => r.id === run.id))
      queryClient.setQueryData<RunsPage>(recentKey, patchRun(page, run))
    else refetchRecent()
    if (FAILED_STATUSES.has(run.status)) refetchFailing()
  }
  return useLiveRunsRoom({
    onChanged,
    onResync: () => {
      refetchRecent()
      refetchFailing()
    },
  })
}
