'use client'
// One run with its steps (outputs, errors, inputs). Live events from the run's store trigger a
// re-fetch (throttled), so the details follow the run without polling; a slow re-fetch stays as
// a fallback while it runs.
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { RunStatusStore } from '@/components/live/run-status-store'
import { useTRPC } from '@/components/trpc-provider'
import { isTerminalExecutionStatus } from '@/server/engine/run/run-status'

export const RUN_FALLBACK_REFETCH_MS = 15_000
const EVENT_REFETCH_THROTTLE_MS = 250

export function useRun(id: string, store?: RunStatusStore) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const queryKey = trpc.runs.get.queryKey({ id })
  const query = useQuery({
    ...trpc.runs.get.queryOptions({ id }),
    staleTime: 0,
    refetchInterval: (q) => {
      if (q.state.status === 'error') return false
      const status = q.state.data?.status
      return status && isTerminalExecutionStatus(status) ? false : RUN_FALLBACK_REFETCH_MS
    },
  })
  const refresh = () => queryClient.invalidateQueries({ queryKey })

  useEffect(() => {
    if (!store) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const unsubscribe = store.subscribeRun(() => {
      timer ??= setTimeout(() => {
        timer = undefined
        void queryClient.invalidateQueries({ queryKey: trpc.runs.get.queryKey({ id }) })
      }, EVENT_REFETCH_THROTTLE_MS)
    })
    return () => {
      unsubscribe()
      clearTimeout(timer)
    }
  }, [store, queryClient, trpc, id])

  return { query, refresh }
}

export type RunDetail = NonNullable<ReturnType<typeof useRun>['query']['data']>
export type RunStep = RunDetail['steps'][number]
