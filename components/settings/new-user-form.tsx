'use client'
// An admin's form for a new account: email, name, role and an initial password.
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { ApiError } from '@/components/ui/api-error'
import { useTRPC } from '@/components/trpc-provider'
import { ROLES, type Role } from '@/server/auth/roles'
import styles from './settings.module.css'

export function NewUserForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC()
  const [form, setForm] = useState({ email: '', name: '', role: 'viewer' as Role, password: '' })
  const create = useMutation(trpc.users.create.mutationOptions({ onSuccess: onDone }))
  const field = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value })
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
        <div className={`form-row ${styles.grow}`}>
          <label htmlFor="user-email">Email</label>
          <input id="user-email" type="email" value={form.email} onChange={field('email')} required />
        </div>
        <div className={`form-row ${styles.grow}`}>
          <label htmlFor="user-name">Name</label>
          <input id="user-name" value={form.name} onChange={field('name')} required />
        </div>
        <div className="form-row">
          <label htmlFor="user-role">Role</label>
          <select id="user-role" value={form.role} onChange={field('role')}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </div>
        <div className={`form-row ${styles.grow}`}>
          <label htmlFor="user-password">Initial password</label>
          <input
            id="user-password"
            type="password"
            autoComplete="new-password"
            minLength={12}
            value={form.password}
            onChange={field('password')}
            required
          />
        </div>
        <div className="form-row">
          <button type="submit" className="primary" disabled={create.isPending}>
            Create user
          </button>
        </div>
      </div>
    </form>
  )
}
