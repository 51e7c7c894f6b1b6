'use client'
// The signed-in user's API tokens: create one (shown once), see when each was last used, revoke.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import { useAuthStatus } from '@/components/auth/use-auth-status'
import { useTRPC } from '@/components/trpc-provider'
import type { ZApiToken } from '@/server/api/routers/api-tokens/api-token.types'
import { isRoleAtLeast, ROLES } from '@/server/auth/roles'
import { NewApiTokenForm } from './new-api-token-form'

type ApiToken = z.infer<typeof ZApiToken>

/** The caller's tokens (fetched only for a signed-in user) and the writes that refresh them. */
function useApiTokens(isUser: boolean) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const tokens = useQuery({ ...trpc.apiTokens.list.queryOptions(), enabled: isUser })
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiTokens.list.queryKey() })
  const create = useMutation(trpc.apiTokens.create.mutationOptions({ onSuccess: refresh }))
  const revoke = useMutation(trpc.apiTokens.revoke.mutationOptions({ onSuccess: refresh }))
  return { tokens, create, revoke }
}

function ApiTokenRow({ token: t, onRevoke }: { token: ApiToken; onRevoke: () => void }) {
  return (
    <tr>
      <td>{t.name}</td>
      <td>{t.role}</td>
      <td className="mono">…{t.tokenHint}</td>
      <td>{t.expiresAt.toLocaleDateString()}</td>
      <td>{t.lastUsedAt ? t.lastUsedAt.toLocaleString() : <span className="muted">never</span>}</td>
      <td>
        {t.revokedAt ? (
          <span className="badge badge-error">revoked</span>
        ) : (
          <button type="button" onClick={onRevoke}>
            Revoke
          </button>
        )}
      </td>
    </tr>
  )
}

export function ApiTokensSettings() {
  const actor = useAuthStatus().data?.actor
  const { tokens, create, revoke } = useApiTokens(actor?.kind === 'user')
  if (actor?.kind !== 'user') return <p className="muted">Sign in to manage your API tokens.</p>
  return (
    <>
      <h1>API tokens</h1>
      <p className="muted">
        For the CLI (<code>--token</code> or <code>RELAYFLOW_TOKEN</code>) and scripts (
        <code>Authorization: Bearer …</code>).
      </p>
      <NewApiTokenForm
        roles={ROLES.filter((r) => isRoleAtLeast(actor.role, r))}
        onCreate={(token) => create.mutate(token)}
        isPending={create.isPending}
        createdToken={create.data?.token}
        error={create.error ?? revoke.error ?? tokens.error}
      />
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
            <ApiTokenRow key={t.id} token={t} onRevoke={() => revoke.mutate({ id: t.id })} />
          ))}
        </tbody>
      </table>
    </>
  )
}
