'use client'
// The fleet's announced actions for the editor (devices.actions), refreshed now and then.
import { useQuery } from '@tanstack/react-query'
import { useTRPC } from '@/components/trpc-provider'
import type { FleetAction } from './action-choices'

export function useFleetActions(): FleetAction[] | undefined {
  const trpc = useTRPC()
  const query = useQuery({ ...trpc.devices.actions.queryOptions(), staleTime: 15_000 })
  return query.data?.items
}
