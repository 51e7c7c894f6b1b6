'use client'
// The fleet as placement sees it, for the editor's live placement warnings: every registered
// device with its tags, actions and whether it is online, re-read whenever the fleet room on /live
// says the fleet changed (devices connecting, going offline, draining, revoked).
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { useLivePulse } from '@/components/live/use-live-pulse'
import { useTRPC } from '@/components/trpc-provider'
import type { FleetDevice } from '@/server/engine/placement'

export function usePlacementFleet(): readonly FleetDevice[] | undefined {
  const trpc = useTRPC()
  const list = useQuery({ ...trpc.devices.list.queryOptions({}), staleTime: 30_000 })
  useLivePulse('fleet', () => void list.refetch())
  return useMemo(
    () =>
      list.data?.items.map((d) => ({
        id: d.id,
        tags: d.tags,
        capabilities: d.capabilities,
        online: d.status !== 'offline' && !d.draining,
      })),
    [list.data],
  )
}
