'use client'
// First start: creates the first admin. Shown only while no account exists; the server refuses
// it afterwards anyway.
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { ApiError } from '@/components/ui/api-error'
import { TextField } from '@/components/ui/text-field'
import { useTRPC } from '@/components/trpc-provider'
import styles from './auth.module.css'
import { useAuthStatus } from './use-auth-status'

/** Shown at /setup once an account exists. */
function AlreadySetUp() {
  return (
    <div className={`card ${styles.panel}`}>
      <h1>Relayflow is set up</h1>
      <p>
        An admin account exists. <a href="/login">Sign in</a>.
      </p>
    </div>
  )
}

export function SetupForm() {
  const status = useAuthStatus()
  return status.data && !status.data.needsSetup ? <AlreadySetUp /> : <FirstAdminForm />
}

/** The first admin's account; a repeated password that differs blocks the submit. */
function FirstAdminForm() {
  const trpc = useTRPC()
  const [email, setEmail] = useState('')
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const setup = useMutation(trpc.auth.setup.mutationOptions({ onSuccess: () => window.location.assign('/') }))
  const mismatch = confirm !== '' && confirm !== password
  return (
    <form
      className={`card ${styles.panel}`}
      aria-label="Create the first admin"
      onSubmit={(event) => {
        event.preventDefault()
        if (!mismatch) setup.mutate({ email, name, password })
      }}
    >
      <h1>Welcome to Relayflow</h1>
      <p className="muted">Create the first admin account. There is no default password.</p>
      <ApiError error={setup.error} />
      <TextField id="setup-name" label="Name" value={name} onValue={setName} required autoFocus />
      <TextField
        id="setup-email"
        label="Email"
        type="email"
        autoComplete="username"
        value={email}
        onValue={setEmail}
        required
      />
      <TextField
        id="setup-password"
        label="Password (at least 12 characters)"
        type="password"
        autoComplete="new-password"
        minLength={12}
        value={password}
        onValue={setPassword}
        required
      />
      <TextField
        id="setup-confirm"
        label="Repeat the password"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onValue={setConfirm}
        required
        error={mismatch ? 'The passwords differ.' : undefined}
      />
      <div className="toolbar">
        <button type="submit" className="primary" disabled={setup.isPending || mismatch}>
          Create admin and sign in
        </button>
      </div>
    </form>
  )
}
