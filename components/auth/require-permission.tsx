'use client'
// Renders a page's content only for roles that may call `path`; others get a sentence saying
// why, instead of a page of errors. The server refuses the calls anyway.
import type { ReactNode } from 'react'
import { useAuthStatus, useCan } from './use-auth-status'

export function RequirePermission({
  path,
  reason,
  children,
}: {
  path: string
  reason: string
  children: ReactNode
}) {
  const isKnown = useAuthStatus().data !== undefined
  const isAllowed = useCan(path)
  if (isAllowed) return <>{children}</>
  if (!isKnown) return null
  return (
    <p className="notice" role="note">
      {reason}
    </p>
  )
}
