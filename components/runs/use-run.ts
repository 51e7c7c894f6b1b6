'use client'
// One run with its steps, re-fetched every second until it has ended (the live socket view comes later).
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTRPC } from '@/components/trpc-provider'
import { isTerminalExecutionStatus } from '@/server/engine/run/run-status'

export const RUN_POLL_MS = 1000

export function useRun(id: string) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const query = useQuery({
    ...trpc.runs.get.queryOptions({ id }),
    staleTime: 0,
    refetchInterval: (q) => {
      if (q.state.status === 'error') return false
      const status = q.state.data?.status
      return status && isTerminalExecutionStatus(status) ? false : RUN_POLL_MS
    },
  })
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.runs.get.queryKey({ id }) })
  return { query, refresh }
}

export type RunDetail = NonNullable<ReturnType<typeof useRun>['query']['data']>
export type RunStep = RunDetail['steps'][number]
