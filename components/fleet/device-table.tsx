'use client'
// The fleet list: status, tags, capabilities, load, last seen, and drain/revoke per device.
import type { inferRouterOutputs } from '@trpc/server'
import type { AppRouter } from '@/server/api/root-router'
import { formatAgo } from './fleet-format'
import { StatusBadge } from './status-badge'

type Device = inferRouterOutputs<AppRouter>['devices']['list']['items'][number]

type DeviceActionHandlers = {
  /** Left out when the caller's role may not drain (or revoke): the button is not shown. */
  onDrain?: (id: string, draining: boolean) => void
  onRevoke?: (id: string, name: string) => void
}

export function DeviceTable(
  props: {
    devices: Device[]
    loading: boolean
    selected: string | null
    onSelect: (id: string) => void
  } & DeviceActionHandlers,
) {
  return (
    <table aria-label="Devices">
      <thead>
        <tr>
          <th>Device</th>
          <th>Status</th>
          <th>Tags</th>
          <th>Capabilities</th>
          <th>Running</th>
          <th>Last seen</th>
          <th>Actions</th>
        </tr>
      </thead>
      <tbody>
        {props.devices.map((d) => (
          <DeviceRow
            key={d.id}
            device={d}
            selected={props.selected === d.id}
            onSelect={props.onSelect}
            onDrain={props.onDrain}
            onRevoke={props.onRevoke}
          />
        ))}
        {!props.loading && props.devices.length === 0 ? (
          <tr>
            <td colSpan={7} className="muted">
              No devices match. Create a token and start an agent with the command line it shows.
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  )
}

function DeviceRow({
  device: d,
  selected,
  onSelect,
  ...actions
}: { device: Device; selected: boolean; onSelect: (id: string) => void } & DeviceActionHandlers) {
  return (
    <tr data-device-id={d.id} aria-selected={selected}>
      <td>
        <button type="button" className="link" onClick={() => onSelect(d.id)}>
          {d.name}
        </button>
        <div className="muted mono">{d.id}</div>
      </td>
      <td>
        <StatusBadge status={d.revokedAt ? 'revoked' : d.status} />
      </td>
      <td>
        {d.tags.map((t) => (
          <span key={t} className="badge">
            {t}
          </span>
        ))}
      </td>
      <td title={d.capabilities.join(', ')}>
        {d.capabilities.slice(0, 4).join(', ')}
        {d.capabilities.length > 4 ? ` +${d.capabilities.length - 4}` : ''}
      </td>
      <td>
        {d.running} / {d.maxConcurrency}
      </td>
      <td>{formatAgo(d.lastSeenAt)}</td>
      <td className="actions">
        <DeviceRowActions device={d} {...actions} />
      </td>
    </tr>
  )
}

/** Drain/Undrain and Revoke, as the caller's role allows; a revoked device only says since when. */
function DeviceRowActions({ device: d, onDrain, onRevoke }: { device: Device } & DeviceActionHandlers) {
  if (d.revokedAt) return <span className="muted">revoked {formatAgo(d.revokedAt)}</span>
  return (
    <>
      {onDrain ? (
        <button type="button" onClick={() => onDrain(d.id, !d.draining)}>
          {d.draining ? 'Undrain' : 'Drain'}
        </button>
      ) : null}
      {onRevoke ? (
        <button type="button" className="danger" onClick={() => onRevoke(d.id, d.name)}>
          Revoke
        </button>
      ) : null}
    </>
  )
}
