'use client'
// The monitoring page's data with TanStack Query, refetched when /live's `monitoring` room says it
// changed (within about a second), and every 15 s anyway: sliding windows move with the clock.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { useLivePulse } from '@/components/live/use-live-pulse'
import { useTRPC } from '@/components/trpc-provider'

export const MONITORING_REFRESH_MS = 15_000

export function useMonitoringData(seriesMinutes = 30) {
  const trpc = useTRPC()
  const poll = { refetchInterval: MONITORING_REFRESH_MS, placeholderData: keepPreviousData, staleTime: 0 }
  const snapshot = useQuery({ ...trpc.monitoring.snapshot.queryOptions(), ...poll })
  const series = useQuery({ ...trpc.monitoring.series.queryOptions({ minutes: seriesMinutes }), ...poll })
  const rules = useQuery({ ...trpc.monitoring.rules.queryOptions({ activeOnly: false }), ...poll })
  const history = useQuery({ ...trpc.monitoring.alertHistory.queryOptions({ limit: 20 }), ...poll })
  const anomalies = useQuery({
    ...trpc.monitoring.anomalies.queryOptions({ lookbackHours: 24, recentMinutes: 60 }),
    refetchInterval: 15_000,
    placeholderData: keepPreviousData,
  })
  const invalidate = useInvalidateMonitoring()
  const { connected } = useLivePulse('monitoring', () => void invalidate())
  return { snapshot, series, rules, history, anomalies, connected }
}

/** Refetches everything monitoring shows (after a rule edit, or on a live event). */
export function useInvalidateMonitoring() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  return useCallback(
    () => queryClient.invalidateQueries({ queryKey: trpc.monitoring.pathKey() }),
    [queryClient, trpc],
  )
}
