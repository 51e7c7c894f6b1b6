'use client'
// The fleet list: status, tags, capabilities, load, last seen, and drain/revoke per device.
import type { inferRouterOutputs } from '@trpc/server'
import type { AppRouter } from '@/server/api/root-router'
import { formatAgo } from './fleet-format'
import { StatusBadge } from './status-badge'

type Device = inferRouterOutputs<AppRouter>['devices']['list']['items'][number]

export function DeviceTable(props: {
  devices: Device[]
  loading: boolean
  selected: string | null
  onSelect: (id: string) => void
  /** Left out when the caller's role may not drain (or revoke): the button is not shown. */
  onDrain?: (id: string, draining: boolean) => void
  onRevoke?: (id: string, name: string) => void
}) {
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
          <tr key={d.id} data-device-id={d.id} aria-selected={props.selected === d.id}>
            <td>
              <button type="button" className="link" onClick={() => props.onSelect(d.id)}>
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
              {d.revokedAt ? (
                <span className="muted">revoked {formatAgo(d.revokedAt)}</span>
              ) : (
                <>
                  {props.onDrain ? (
                    <button type="button" onClick={() => props.onDrain?.(d.id, !d.draining)}>
                      {d.draining ? 'Undrain' : 'Drain'}
                    </button>
                  ) : null}
                  {props.onRevoke ? (
                    <button type="button" className="danger" onClick={() => props.onRevoke?.(d.id, d.name)}>
                      Revoke
                    </button>
                  ) : null}
                </>
              )}
            </td>
          </tr>
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
