'use client'
// The analytics reports for one range (and optionally one workflow), each its own query so a
// slow report does not hold the others back. Times are bucketed in the browser's time zone.
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useTRPC } from '@/components/trpc-provider'

export function useAnalyticsData(range: string, workflowId: string | undefined) {
  const trpc = useTRPC()
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  const input = { range, timezone, ...(workflowId ? { workflowId } : {}) }
  const options = { placeholderData: keepPreviousData, refetchInterval: 60_000 }
  return {
    trend: useQuery({ ...trpc.analytics.runTrend.queryOptions(input), ...options }),
    usage: useQuery({ ...trpc.analytics.usage.queryOptions(input), ...options }),
    durations: useQuery({ ...trpc.analytics.workflowDurations.queryOptions(input), ...options }),
    steps: useQuery({ ...trpc.analytics.steps.queryOptions(input), ...options }),
    devices: useQuery({ ...trpc.analytics.devices.queryOptions(input), ...options }),
    suggestions: useQuery({ ...trpc.analytics.suggestions.queryOptions(input), ...options }),
  }
}
