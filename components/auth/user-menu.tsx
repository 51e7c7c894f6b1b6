'use client'
// The signed-in user's name and role, with links to their settings and a sign-out button. Shows
// "Sign in" when nobody is signed in and nothing while auth is off and nobody signed in.
import { useMutation } from '@tanstack/react-query'
import Link from 'next/link'
import { useState } from 'react'
import { useTRPC } from '@/components/trpc-provider'
import { canCall } from '@/server/auth/permissions'
import styles from './auth.module.css'
import { useAuthStatus } from './use-auth-status'

export function UserMenu() {
  const trpc = useTRPC()
  const status = useAuthStatus()
  const [open, setOpen] = useState(false)
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({ onSuccess: () => window.location.assign('/login') }),
  )
  const data = status.data
  if (!data) return null
  const actor = data.actor
  if (!actor || actor.kind === 'system') {
    return data.mode === 'on' || !data.needsSetup ? (
      <Link href="/login" className={styles.menu}>
        Sign in
      </Link>
    ) : null
  }
  const isAdmin = canCall(actor.role, 'users.list')
  return (
    <div className={styles.menu}>
      <button
        type="button"
        className={styles.menuButton}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
      >
        {actor.name} <span className="badge">{actor.role}</span>
      </button>
      {open ? (
        <div role="menu" className={styles.menuList} onClick={() => setOpen(false)}>
          <span className="muted">{actor.email}</span>
          <Link role="menuitem" href="/settings/tokens">
            API tokens
          </Link>
          {canCall(actor.role, 'secrets.list') ? (
            <Link role="menuitem" href="/settings/secrets">
              Secrets
            </Link>
          ) : null}
          {isAdmin ? (
            <>
              <Link role="menuitem" href="/settings/users">
                Users
              </Link>
              <Link role="menuitem" href="/settings/audit">
                Audit log
              </Link>
            </>
          ) : null}
          <button role="menuitem" type="button" onClick={() => logout.mutate()} disabled={logout.isPending}>
            Sign out
          </button>
        </div>
      ) : null}
    </div>
  )
}
