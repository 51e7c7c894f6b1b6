'use client'
// Keeps the Triggers panel current from the workflow's live room: a run started (or changed) by
// the webhook refreshes the deliveries, one started by a schedule refreshes the schedules and
// their fires; after a reconnect everything is refetched, since changes meanwhile are not replayed.
import { useQueryClient } from '@tanstack/react-query'
import { useLiveRoom } from '@/components/live/use-live-room'
import { useTRPC } from '@/components/trpc-provider'
import type { LiveRunSummary } from '@/contracts/live-contract'

export function useTriggerRunsLive(workflowId: string): { connected: boolean } {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const refresh = (queryKey: readonly unknown[]) => void queryClient.invalidateQueries({ queryKey })
  return useLiveRoom(`workflow:${workflowId}`, 'run.changed', {
    onMessage: (run: LiveRunSummary) => {
      if (run.trigger === 'webhook') refresh(trpc.triggers.webhooks.pathKey())
      if (run.trigger === 'schedule') refresh(trpc.triggers.schedules.pathKey())
    },
    onResync: () => refresh(trpc.triggers.pathKey()),
  })
}
