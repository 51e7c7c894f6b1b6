'use client'
// The secrets store: names and dates only. Admins create, rotate and delete; values go in and
// never come back. Workflows use them as {{ secrets.NAME }} in command params and webhook requests.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useCan } from '@/components/auth/use-auth-status'
import { ApiError } from '@/components/ui/api-error'
import { useTRPC } from '@/components/trpc-provider'
import styles from './settings.module.css'

export function SecretsSettings() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const canManage = useCan('secrets.create')
  const list = useQuery(trpc.secrets.list.queryOptions())
  const [name, setName] = useState('')
  const [value, setValue] = useState('')
  const [description, setDescription] = useState('')
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.secrets.list.queryKey() })
  const create = useMutation(
    trpc.secrets.create.mutationOptions({
      onSuccess: () => {
        setName('')
        setValue('')
        setDescription('')
        return refresh()
      },
    }),
  )
  const rotate = useMutation(trpc.secrets.rotate.mutationOptions({ onSuccess: refresh }))
  const remove = useMutation(trpc.secrets.delete.mutationOptions({ onSuccess: refresh }))
  return (
    <>
      <h1>Secrets</h1>
      <p className="muted">
        Reference a secret as <code>{'{{ secrets.NAME }}'}</code> in a command step&apos;s params or a webhook
        step&apos;s request. Values are encrypted, resolved only when the step is dispatched, and shown as ***
        in outputs and logs.
      </p>
      <ApiError error={list.error ?? create.error ?? rotate.error ?? remove.error} />
      {canManage ? (
        <form
          className="card"
          aria-label="New secret"
          onSubmit={(event) => {
            event.preventDefault()
            create.mutate({ name, value, description })
          }}
        >
          <div className={styles.inline}>
            <div className="form-row">
              <label htmlFor="secret-name">Name</label>
              <input
                id="secret-name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                pattern="[A-Za-z_][A-Za-z0-9_]*"
                placeholder="DEPLOY_TOKEN"
                required
              />
            </div>
            <div className={`form-row ${styles.grow}`}>
              <label htmlFor="secret-value">Value</label>
              <input
                id="secret-value"
                type="password"
                autoComplete="off"
                value={value}
                onChange={(e) => setValue(e.target.value)}
                minLength={4}
                required
              />
            </div>
            <div className={`form-row ${styles.grow}`}>
              <label htmlFor="secret-description">Description</label>
              <input
                id="secret-description"
                value={description}
                onChange={(e) => setDescription(e.target.value)}
              />
            </div>
            <div className="form-row">
              <button type="submit" className="primary" disabled={create.isPending}>
                Add secret
              </button>
            </div>
          </div>
        </form>
      ) : null}
      <table aria-label="Secrets">
        <thead>
          <tr>
            <th>Name</th>
            <th>Description</th>
            <th>Created</th>
            <th>Rotated</th>
            {canManage ? <th /> : null}
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((s) => (
            <tr key={s.id}>
              <td className="mono">
                {s.name}{' '}
                {s.readable ? null : <span className="badge badge-error">encrypted under another key</span>}
              </td>
              <td>{s.description}</td>
              <td>{s.createdAt.toLocaleString()}</td>
              <td>{s.rotatedAt ? s.rotatedAt.toLocaleString() : <span className="muted">never</span>}</td>
              {canManage ? (
                <td className={styles.actions}>
                  <button
                    type="button"
                    onClick={() => {
                      const next = window.prompt(`New value for ${s.name}`)
                      if (next) rotate.mutate({ name: s.name, value: next })
                    }}
                  >
                    Rotate
                  </button>
                  <button
                    type="button"
                    onClick={() => window.confirm(`Delete ${s.name}?`) && remove.mutate({ name: s.name })}
                  >
                    Delete
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
