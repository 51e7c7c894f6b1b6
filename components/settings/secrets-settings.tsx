'use client'
// The secrets store: names and dates only. Admins create, rotate and delete; values go in and
// never come back. Workflows use them as {{ secrets.NAME }} in command params and webhook requests.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useReducer } from 'react'
import type { z } from 'zod'
import { useCan } from '@/components/auth/use-auth-status'
import { ApiError } from '@/components/ui/api-error'
import { useTRPC } from '@/components/trpc-provider'
import type { ZSecretSummary } from '@/server/api/routers/secrets/secret.types'
import { NewSecretForm } from './new-secret-form'
import styles from './settings.module.css'

type SecretSummary = z.infer<typeof ZSecretSummary>

/**
 * The secrets list and the writes, each refreshing the list when it lands. `newFormKey` changes
 * with each secret made, so the new secret form starts empty again.
 */
function useSecrets() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const list = useQuery(trpc.secrets.list.queryOptions())
  const [newFormKey, renewForm] = useReducer((key: number) => key + 1, 0)
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.secrets.list.queryKey() })
  const create = useMutation(
    trpc.secrets.create.mutationOptions({
      onSuccess: () => {
        renewForm()
        return refresh()
      },
    }),
  )
  const rotate = useMutation(trpc.secrets.rotate.mutationOptions({ onSuccess: refresh }))
  const remove = useMutation(trpc.secrets.delete.mutationOptions({ onSuccess: refresh }))
  return { list, newFormKey, create, rotate, remove }
}

function SecretRow({
  secret: s,
  canManage,
  onRotate,
  onDelete,
}: {
  secret: SecretSummary
  canManage: boolean
  onRotate: (value: string) => void
  onDelete: () => void
}) {
  return (
    <tr>
      <td className="mono">
        {s.name} {s.readable ? null : <span className="badge badge-error">encrypted under another key</span>}
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
              if (next) onRotate(next)
            }}
          >
            Rotate
          </button>
          <button type="button" onClick={() => window.confirm(`Delete ${s.name}?`) && onDelete()}>
            Delete
          </button>
        </td>
      ) : null}
    </tr>
  )
}

export function SecretsSettings() {
  const canManage = useCan('secrets.create')
  const { list, newFormKey, create, rotate, remove } = useSecrets()
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
        <NewSecretForm
          key={newFormKey}
          onCreate={(secret) => create.mutate(secret)}
          isPending={create.isPending}
        />
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
            <SecretRow
              key={s.id}
              secret={s}
              canManage={canManage}
              onRotate={(value) => rotate.mutate({ name: s.name, value })}
              onDelete={() => remove.mutate({ name: s.name })}
            />
          ))}
        </tbody>
      </table>
    </>
  )
}
