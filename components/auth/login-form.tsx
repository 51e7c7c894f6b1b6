'use client'
// Sign in with email and password, then go back where the user was sent from.
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { ApiError } from '@/components/ui/api-error'
import { TextField } from '@/components/ui/text-field'
import { useTRPC } from '@/components/trpc-provider'
import styles from './auth.module.css'

/** Only same-site paths: `next` comes from the query string and must not redirect elsewhere. */
export function safeNextPath(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/'
}

export function LoginForm({ next }: { next?: string }) {
  const trpc = useTRPC()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const login = useMutation(
    // A full navigation, so every cached query is fetched again as the signed-in user.
    trpc.auth.login.mutationOptions({ onSuccess: () => window.location.assign(safeNextPath(next)) }),
  )
  return (
    <form
      className={`card ${styles.panel}`}
      aria-label="Sign in"
      onSubmit={(event) => {
        event.preventDefault()
        login.mutate({ email, password })
      }}
    >
      <h1>Sign in to Relayflow</h1>
      <ApiError error={login.error} />
      <TextField
        id="login-email"
        label="Email"
        type="email"
        autoComplete="username"
        value={email}
        onValue={setEmail}
        required
        autoFocus
      />
      <TextField
        id="login-password"
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onValue={setPassword}
        required
      />
      <div className="toolbar">
        <button type="submit" className="primary" disabled={login.isPending}>
          Sign in
        </button>
      </div>
    </form>
  )
}
