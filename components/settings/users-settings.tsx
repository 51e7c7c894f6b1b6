'use client'
// Admins manage accounts: create with an initial password, change role, disable, reset a
// password, delete. The server refuses anything that would leave no enabled admin.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { z } from 'zod'
import { ApiError } from '@/components/ui/api-error'
import { useTRPC } from '@/components/trpc-provider'
import type { ZUser } from '@/server/api/routers/users/user.types'
import { ROLES, type Role } from '@/server/auth/roles'
import { NewUserForm } from './new-user-form'
import styles from './settings.module.css'

type User = z.infer<typeof ZUser>

/** The accounts and the writes on them; a new or changed user refreshes the list. */
function useUsers() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const users = useQuery(trpc.users.list.queryOptions())
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() })
  const create = useMutation(trpc.users.create.mutationOptions({ onSuccess: refresh }))
  const update = useMutation(trpc.users.update.mutationOptions({ onSuccess: refresh }))
  const remove = useMutation(trpc.users.delete.mutationOptions({ onSuccess: refresh }))
  const reset = useMutation(trpc.users.resetPassword.mutationOptions())
  return { users, create, update, remove, reset }
}

function UserRow({
  user: u,
  onUpdate,
  onResetPassword,
  onDelete,
}: {
  user: User
  onUpdate: (change: { role?: Role; disabled?: boolean }) => void
  onResetPassword: (password: string) => void
  onDelete: () => void
}) {
  return (
    <tr>
      <td>{u.name}</td>
      <td>{u.email}</td>
      <td>
        <select
          aria-label={`Role of ${u.email}`}
          value={u.role}
          onChange={(e) => onUpdate({ role: e.target.value as Role })}
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
        <button type="button" onClick={() => onUpdate({ disabled: !u.disabled })}>
          {u.disabled ? 'Enable' : 'Disable'}
        </button>
        <button
          type="button"
          onClick={() => {
            const password = window.prompt(`New password for ${u.email} (at least 12 characters)`)
            if (password) onResetPassword(password)
          }}
        >
          Reset password
        </button>
        <button type="button" onClick={() => window.confirm(`Delete ${u.email}?`) && onDelete()}>
          Delete
        </button>
      </td>
    </tr>
  )
}

export function UsersSettings() {
  const { users, create, update, remove, reset } = useUsers()
  const [adding, setAdding] = useState(false)
  const toggleAdding = () => {
    create.reset() // a form opened again shows no earlier failure
    setAdding((v) => !v)
  }
  return (
    <>
      <div className="toolbar">
        <h1 className="grow">Users</h1>
        <button type="button" onClick={toggleAdding}>
          {adding ? 'Cancel' : 'New user'}
        </button>
      </div>
      {adding ? (
        <NewUserForm
          // The form closes once the list shows the new user.
          onCreate={(user) => create.mutate(user, { onSuccess: () => setAdding(false) })}
          isPending={create.isPending}
          error={create.error}
        />
      ) : null}
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
            <UserRow
              key={u.id}
              user={u}
              onUpdate={(change) => update.mutate({ id: u.id, ...change })}
              onResetPassword={(password) => reset.mutate({ id: u.id, password })}
              onDelete={() => remove.mutate({ id: u.id })}
            />
          ))}
        </tbody>
      </table>
    </>
  )
}
