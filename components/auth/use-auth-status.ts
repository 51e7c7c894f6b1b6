'use client'
// Who the browser is signed in as, and what the permission matrix lets them do, so pages can
// hide actions the server would refuse anyway (the server stays the authority).
import { useQuery } from '@tanstack/react-query'
import { useTRPC } from '@/components/trpc-provider'
import { canCall } from '@/server/auth/permissions'

export function useAuthStatus() {
  const trpc = useTRPC()
  return useQuery({ ...trpc.auth.status.queryOptions(), staleTime: 30_000 })
}

/** True when the caller may call the tRPC procedure at `path` (always while auth is off). */
export function useCan(path: string): boolean {
  const status = useAuthStatus().data
  if (!status) return false
  if (status.mode === 'off') return true
  return status.actor !== null && canCall(status.actor.role, path)
}
