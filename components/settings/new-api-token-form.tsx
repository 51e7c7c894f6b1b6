'use client'
// The form for a new API token: name, role (up to the caller's own) and lifetime; the token
// itself is shown once, beneath it, after it is made.
import { useState, type ComponentProps } from 'react'
import { ApiError } from '@/components/ui/api-error'
import { TextField } from '@/components/ui/text-field'
import type { Role } from '@/server/auth/roles'
import { RoleField } from './role-field'
import styles from './settings.module.css'

export type NewApiToken = { name: string; role: Role; expiresInDays: number }

type NewApiTokenFormProps = {
  roles: readonly Role[]
  onCreate: (token: NewApiToken) => void
  isPending: boolean
  /** The token just made, shown once. */
  createdToken: string | undefined
  /** The last failure to create, revoke or list. */
  error: ComponentProps<typeof ApiError>['error']
}

function TokenShownOnce({ token }: { token: string }) {
  return (
    <div className="notice" role="status">
      <strong>Copy this token now; it will not be shown again.</strong>
      <div className={styles.shownOnce}>{token}</div>
    </div>
  )
}

/** Owns its draft (kept after a token is made, to make a similar one); the parent makes the token. */
export function NewApiTokenForm({ roles, onCreate, isPending, createdToken, error }: NewApiTokenFormProps) {
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('viewer')
  const [days, setDays] = useState(90)
  return (
    <form
      className="card"
      aria-label="New API token"
      onSubmit={(event) => {
        event.preventDefault()
        onCreate({ name, role, expiresInDays: days })
      }}
    >
      <ApiError error={error} />
      <div className={styles.inline}>
        <TextField
          id="token-name"
          label="Name"
          className={styles.grow}
          value={name}
          onValue={setName}
          placeholder="ci-deploys"
          required
        />
        <RoleField id="token-role" roles={roles} value={role} onValue={setRole} />
        <TextField
          id="token-days"
          label="Expires in (days)"
          type="number"
          min={1}
          max={365}
          value={days}
          onValue={(value) => setDays(Number(value))}
        />
        <div className="form-row">
          <button type="submit" className="primary" disabled={isPending}>
            Create token
          </button>
        </div>
      </div>
      {createdToken ? <TokenShownOnce token={createdToken} /> : null}
    </form>
  )
}
