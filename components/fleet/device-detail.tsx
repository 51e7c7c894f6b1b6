'use client'
// One device: host, actions with their parameter schemas, recent commands with results, connections.
import { useQuery } from '@tanstack/react-query'
import type { inferRouterOutputs } from '@trpc/server'
import type { AppRouter } from '@/server/api/root-router'
import { ApiError } from '@/components/ui/api-error'
import { useTRPC } from '@/components/trpc-provider'
import { DeviceAnomalies } from './device-anomalies'
import { formatAgo, formatJson } from './fleet-format'
import { RecentCommandsTable } from './recent-commands-table'
import { StatusBadge } from './status-badge'

type Device = inferRouterOutputs<AppRouter>['devices']['get']

export function DeviceDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const trpc = useTRPC()
  const detail = useQuery({ ...trpc.devices.get.queryOptions({ id }), refetchInterval: 2000 })
  const d = detail.data
  return (
    <section className="card" aria-label="Device detail">
      <div className="toolbar">
        <h2 className="grow">{d?.name ?? id}</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <ApiError error={detail.error} />
      {d ? (
        <>
          <DeviceSummary device={d} />
          <DeviceAnomalies deviceId={d.id} />
          <h3>Actions</h3>
          <DeviceActionList actions={d.actions} />
          <h3>Recent commands</h3>
          <RecentCommandsTable commands={d.recentCommands} />
          <h3>Connections</h3>
          <DeviceConnectionList connections={d.connections} />
        </>
      ) : null}
    </section>
  )
}

/** Status, id, agent version, token prefix, load, last seen and host, on one line. */
function DeviceSummary({ device: d }: { device: Device }) {
  return (
    <p>
      <StatusBadge status={d.revokedAt ? 'revoked' : d.status} /> <span className="mono">{d.id}</span> · agent{' '}
      {d.agentVersion ?? 'never connected'} · token {d.tokenPrefix}… · {d.running}/{d.maxConcurrency} running
      · last seen {formatAgo(d.lastSeenAt)}
      {d.host ? ` · ${d.host.hostname ?? ''} ${d.host.platform ?? ''}/${d.host.arch ?? ''}` : ''}
    </p>
  )
}

function DeviceActionList({ actions }: { actions: Device['actions'] }) {
  return (
    <ul>
      {actions.map((a) => (
        <li key={a.name}>
          <code>{a.name}</code> {a.description ? <span className="muted">{a.description}</span> : null}
          {a.paramsSchema ? (
            <details>
              <summary>params</summary>
              <pre className="json">{formatJson(a.paramsSchema)}</pre>
            </details>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

function DeviceConnectionList({ connections }: { connections: Device['connections'] }) {
  return (
    <ul>
      {connections.map((c) => (
        <li key={c.id}>
          {c.connectedAt.toLocaleString()} from {c.remoteAddress ?? 'unknown'} via{' '}
          <span className="mono">{c.gatewayId}</span>
          {c.disconnectedAt
            ? ` · ended ${formatAgo(c.disconnectedAt)} (${c.reason ?? 'unknown'})`
            : ' · connected'}
        </li>
      ))}
    </ul>
  )
}
