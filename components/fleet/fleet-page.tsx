'use client'
// The /devices page: the fleet (live over /live's `fleet` room), filters by tag, status and name,
// a device's detail, creating a token, draining and revoking.
import { useState } from 'react'
import { LiveIndicator } from '@/components/runs/live-indicator'
import { useCan } from '@/components/auth/use-auth-status'
import { ApiError } from '@/components/ui/api-error'
import { CreateTokenDialog } from './create-token-dialog'
import { DeviceDetail } from './device-detail'
import { DeviceTable } from './device-table'
import { FleetFilters, type FleetFilterValues } from './fleet-filters'
import { useFleet } from './use-fleet'

export function FleetPage() {
  const [filters, setFilters] = useState<FleetFilterValues>({ tag: '', status: '', search: '' })
  const [selected, setSelected] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)
  const { list, tags, refresh, drain, revoke, connected } = useFleet(filters)
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
      <FleetFilters value={filters} onChange={setFilters} tags={tags} count={list.data?.items.length} />
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
                if (confirmRevoke(name)) revoke.mutate({ id })
              }
            : undefined
        }
      />
      {selected ? <DeviceDetail id={selected} onClose={() => setSelected(null)} /> : null}
    </>
  )
}

function confirmRevoke(name: string): boolean {
  return window.confirm(`Revoke “${name}”? Its agent is disconnected at once and its token stops working.`)
}
