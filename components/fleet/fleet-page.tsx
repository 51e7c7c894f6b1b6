'use client'
// The /devices page: the fleet (live over /live's `fleet` room), filters by tag, status and name,
// a device's detail, creating a token, draining and revoking.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { useLivePulse } from '@/components/live/use-live-pulse'
import { LiveIndicator } from '@/components/runs/live-indicator'
import { useCan } from '@/components/auth/use-auth-status'
import { ApiError } from '@/components/ui/api-error'
import { useTRPC } from '@/components/trpc-provider'
import { CreateTokenDialog } from './create-token-dialog'
import { DeviceDetail } from './device-detail'
import { DeviceTable } from './device-table'

const STATUS_FILTERS = ['', 'online', 'busy', 'draining', 'offline', 'revoked'] as const
type StatusFilter = (typeof STATUS_FILTERS)[number]
/** Fallback only: the `fleet` room says when devices change status, load or draining. */
const REFRESH_MS = 15_000

export function FleetPage() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [tag, setTag] = useState('')
  const [status, setStatus] = useState<StatusFilter>('')
  const [search, setSearch] = useState('')
  const [selected, setSelected] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)
  const list = useQuery({
    ...trpc.devices.list.queryOptions({
      ...(tag ? { tag } : {}),
      ...(status ? { status } : {}),
      ...(search.trim() ? { search: search.trim() } : {}),
    }),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  })
  const allTags = useQuery({ ...trpc.devices.list.queryOptions({}), refetchInterval: 10_000 })
  const tags = useMemo(
    () => [...new Set((allTags.data?.items ?? []).flatMap((d) => d.tags))].sort(),
    [allTags.data],
  )
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.devices.pathKey() })
  const drain = useMutation(trpc.devices.drain.mutationOptions({ onSuccess: refresh }))
  const revoke = useMutation(trpc.devices.revoke.mutationOptions({ onSuccess: refresh }))
  const { connected } = useLivePulse('fleet', () => void refresh())
  // Only actions the caller's role may take are shown; the server checks again.
  const canCreateToken = useCan('devices.createToken')
  const canDrain = useCan('devices.drain')
  const canRevoke = useCan('devices.revoke')

  return (
    <>
      <div className="toolbar">
        <h1 className="grow">Devices</h1>
        <LiveIndicator connected={connected} />
        {canCreateToken ? (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            Create token
          </button>
        ) : null}
      </div>
      {creating && canCreateToken ? (
        <CreateTokenDialog
          onClose={() => {
            setCreating(false)
            void refresh()
          }}
        />
      ) : null}
      <div className="toolbar" role="search">
        <input
          type="search"
          placeholder="Search by name or id"
          aria-label="Search devices"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <label>
          Tag{' '}
          <select value={tag} onChange={(e) => setTag(e.target.value)} aria-label="Filter by tag">
            <option value="">any</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status{' '}
          <select
            value={status}
            onChange={(e) => setStatus(e.target.value as StatusFilter)}
            aria-label="Filter by status"
          >
            {STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {s || 'any (not revoked)'}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">
          {list.data ? `${list.data.items.length} device${list.data.items.length === 1 ? '' : 's'}` : ''}
        </span>
      </div>
      <ApiError error={list.error ?? drain.error ?? revoke.error} />
      <DeviceTable
        devices={list.data?.items ?? []}
        loading={list.isPending}
        selected={selected}
        onSelect={setSelected}
        onDrain={canDrain ? (id, draining) => drain.mutate({ id, draining }) : undefined}
        onRevoke={
          canRevoke
            ? (id, name) => {
                if (
                  window.confirm(
                    `Revoke “${name}”? Its agent is disconnected at once and its token stops working.`,
                  )
                )
                  revoke.mutate({ id })
              }
            : undefined
        }
      />
      {selected ? <DeviceDetail id={selected} onClose={() => setSelected(null)} /> : null}
    </>
  )
}
