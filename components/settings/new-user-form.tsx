'use client'
// An admin's form for a new account: email, name, role and an initial password.
import { useState, type ComponentProps } from 'react'
import { ApiError } from '@/components/ui/api-error'
import { TextField } from '@/components/ui/text-field'
import { ROLES, type Role } from '@/server/auth/roles'
import { RoleField } from './role-field'
import styles from './settings.module.css'

export type NewUser = { email: string; name: string; role: Role; password: string }

type NewUserFormProps = {
  onCreate: (user: NewUser) => void
  isPending: boolean
  /** The last failure to create the user. */
  error: ComponentProps<typeof ApiError>['error']
}

/** Owns its draft; the parent closes it once the user is made. */
export function NewUserForm({ onCreate, isPending, error }: NewUserFormProps) {
  const [form, setForm] = useState<NewUser>({ email: '', name: '', role: 'viewer', password: '' })
  const field = (key: keyof NewUser) => (value: string) => setForm({ ...form, [key]: value })
  return (
    <form
      className="card"
      aria-label="New user"
      onSubmit={(event) => {
        event.preventDefault()
        onCreate(form)
      }}
    >
      <ApiError error={error} />
      <div className={styles.inline}>
        <TextField
          id="user-email"
          label="Email"
          className={styles.grow}
          type="email"
          value={form.email}
          onValue={field('email')}
          required
        />
        <TextField
          id="user-name"
          label="Name"
          className={styles.grow}
          value={form.name}
          onValue={field('name')}
          required
        />
        <RoleField
          id="user-role"
          roles={ROLES}
          value={form.role}
          onValue={(role) => setForm({ ...form, role })}
        />
        <TextField
          id="user-password"
          label="Initial password"
          className={styles.grow}
          type="password"
          autoComplete="new-password"
          minLength={12}
          value={form.password}
          onValue={field('password')}
          required
        />
        <div className="form-row">
          <button type="submit" className="primary" disabled={isPending}>
            Create user
          </button>
        </div>
      </div>
    </form>
  )
}
