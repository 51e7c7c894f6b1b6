'use client'
// The fleet page's data: the filtered device list, every tag, drain and revoke, kept fresh by the
// `fleet` room of /live.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useMemo } from 'react'
import { useLivePulse } from '@/components/live/use-live-pulse'
import { useTRPC } from '@/components/trpc-provider'
import type { FleetFilterValues } from './fleet-filters'

/** Fallback only: the `fleet` room says when devices change status, load or draining. */
const REFRESH_MS = 15_000

export function useFleet({ tag, status, search }: FleetFilterValues) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const list = useQuery({
    ...trpc.devices.list.queryOptions({
      ...(tag ? { tag } : {}),
      ...(status ? { status } : {}),
      ...(search.trim() ? { search: search.trim() } : {}),
    }),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  })
  const tags = useFleetTags()
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.devices.pathKey() })
  const drain = useMutation(trpc.devices.drain.mutationOptions({ onSuccess: refresh }))
  const revoke = useMutation(trpc.devices.revoke.mutationOptions({ onSuccess: refresh }))
  const { connected } = useLivePulse('fleet', () => void refresh())
  return { list, tags, refresh, drain, revoke, connected }
}

/** Every tag in the fleet, sorted, for the tag filter (unfiltered, so choosing one keeps the rest). */
function useFleetTags(): string[] {
  const trpc = useTRPC()
  const allTags = useQuery({ ...trpc.devices.list.queryOptions({}), refetchInterval: 10_000 })
  return useMemo(
    () => [...new Set((allTags.data?.items ?? []).flatMap((d) => d.tags))].sort(),
    [allTags.data],
  )
}
