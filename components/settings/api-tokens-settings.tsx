'use client'
// The signed-in user's API tokens: create one (shown once), see when each was last used, revoke.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useAuthStatus } from '@/components/auth/use-auth-status'
import { ApiError } from '@/components/ui/api-error'
import { useTRPC } from '@/components/trpc-provider'
import { isRoleAtLeast, ROLES, type Role } from '@/server/auth/roles'
import styles from './settings.module.css'

export function ApiTokensSettings() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const actor = useAuthStatus().data?.actor
  const tokens = useQuery({ ...trpc.apiTokens.list.queryOptions(), enabled: actor?.kind === 'user' })
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('viewer')
  const [days, setDays] = useState(90)
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiTokens.list.queryKey() })
  const create = useMutation(trpc.apiTokens.create.mutationOptions({ onSuccess: refresh }))
  const revoke = useMutation(trpc.apiTokens.revoke.mutationOptions({ onSuccess: refresh }))
  if (actor?.kind !== 'user') return <p className="muted">Sign in to manage your API tokens.</p>
  const roles = ROLES.filter((r) => isRoleAtLeast(actor.role, r))
  return (
    <>
      <h1>API tokens</h1>
      <p className="muted">
        For the CLI (<code>--token</code> or <code>RELAYFLOW_TOKEN</code>) and scripts (
        <code>Authorization: Bearer …</code>).
      </p>
      <form
        className="card"
        aria-label="New API token"
        onSubmit={(event) => {
          event.preventDefault()
          create.mutate({ name, role, expiresInDays: days })
        }}
      >
        <ApiError error={create.error ?? revoke.error ?? tokens.error} />
        <div className={styles.inline}>
          <div className={`form-row ${styles.grow}`}>
            <label htmlFor="token-name">Name</label>
            <input
              id="token-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="ci-deploys"
              required
            />
          </div>
          <div className="form-row">
            <label htmlFor="token-role">Role</label>
            <select id="token-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {roles.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </div>
          <div className="form-row">
            <label htmlFor="token-days">Expires in (days)</label>
            <input
              id="token-days"
              type="number"
              min={1}
              max={365}
              value={days}
              onChange={(e) => setDays(Number(e.target.value))}
            />
          </div>
          <div className="form-row">
            <button type="submit" className="primary" disabled={create.isPending}>
              Create token
            </button>
          </div>
        </div>
        {create.data ? (
          <div className="notice" role="status">
            <strong>Copy this token now; it will not be shown again.</strong>
            <div className={styles.shownOnce}>{create.data.token}</div>
          </div>
        ) : null}
      </form>
      <table aria-label="API tokens">
        <thead>
          <tr>
            <th>Name</th>
            <th>Role</th>
            <th>Ends with</th>
            <th>Expires</th>
            <th>Last used</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(tokens.data ?? []).map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td>{t.role}</td>
              <td className="mono">…{t.tokenHint}</td>
              <td>{t.expiresAt.toLocaleDateString()}</td>
              <td>{t.lastUsedAt ? t.lastUsedAt.toLocaleString() : <span className="muted">never</span>}</td>
              <td>
                {t.revokedAt ? (
                  <span className="badge badge-error">revoked</span>
                ) : (
                  <button type="button" onClick={() => revoke.mutate({ id: t.id })}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
