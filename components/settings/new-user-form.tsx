'use client'
// An admin's form for a new account: email, name, role and an initial password.
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { ApiError } from '@/components/ui/api-error'
import { TextField } from '@/components/ui/text-field'
import { useTRPC } from '@/components/trpc-provider'
import { ROLES, type Role } from '@/server/auth/roles'
import styles from './settings.module.css'

export function NewUserForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC()
  const [form, setForm] = useState({ email: '', name: '', role: 'viewer' as Role, password: '' })
  const create = useMutation(trpc.users.create.mutationOptions({ onSuccess: onDone }))
  const field = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value })
  return (
    <form
      className="card"
      aria-label="New user"
      onSubmit={(event) => {
        event.preventDefault()
        create.mutate(form)
      }}
    >
      <ApiError error={create.error} />
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
        <div className="form-row">
          <label htmlFor="user-role">Role</label>
          <select id="user-role" value={form.role} onChange={(e) => field('role')(e.target.value)}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </div>
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
          <button type="submit" className="primary" disabled={create.isPending}>
            Create user
          </button>
        </div>
      </div>
    </form>
  )
}
