'use client'
// Admins manage accounts: create with an initial password, change role, disable, reset a
// password, delete. The server refuses anything that would leave no enabled admin.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { ApiError } from '@/components/ui/api-error'
import { useTRPC } from '@/components/trpc-provider'
import { ROLES, type Role } from '@/server/auth/roles'
import styles from './settings.module.css'

function NewUserForm({ onDone }: { onDone: () => void }) {
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

export function UsersSettings() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const users = useQuery(trpc.users.list.queryOptions())
  const [adding, setAdding] = useState(false)
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() })
  const update = useMutation(trpc.users.update.mutationOptions({ onSuccess: refresh }))
  const remove = useMutation(trpc.users.delete.mutationOptions({ onSuccess: refresh }))
  const reset = useMutation(trpc.users.resetPassword.mutationOptions())
  return (
    <>
      <div className="toolbar">
        <h1 className="grow">Users</h1>
        <button type="button" onClick={() => setAdding((v) => !v)}>
          {adding ? 'Cancel' : 'New user'}
        </button>
      </div>
      {adding ? <NewUserForm onDone={() => void refresh().then(() => setAdding(false))} /> : null}
      <ApiError error={users.error ?? update.error ?? remove.error ?? reset.error} />
      {reset.isSuccess ? (
        <div className="notice">Password changed; the user was signed out everywhere.</div>
      ) : null}
      <table aria-label="Users">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Last sign-in</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>
                <select
                  aria-label={`Role of ${u.email}`}
                  value={u.role}
                  onChange={(e) => update.mutate({ id: u.id, role: e.target.value as Role })}
                >
                  {ROLES.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              </td>
              <td>{u.lastLoginAt ? u.lastLoginAt.toLocaleString() : <span className="muted">never</span>}</td>
              <td>
                {u.disabled ? (
                  <span className="badge badge-error">disabled</span>
                ) : (
                  <span className="badge">active</span>
                )}
              </td>
              <td className={styles.actions}>
                <button type="button" onClick={() => update.mutate({ id: u.id, disabled: !u.disabled })}>
                  {u.disabled ? 'Enable' : 'Disable'}
                </button>
                <button
                  type="button"
                  onClick={() => {
                    const password = window.prompt(`New password for ${u.email} (at least 12 characters)`)
                    if (password) reset.mutate({ id: u.id, password })
                  }}
                >
                  Reset password
                </button>
                <button
                  type="button"
                  onClick={() => window.confirm(`Delete ${u.email}?`) && remove.mutate({ id: u.id })}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
