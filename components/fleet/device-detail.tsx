'use client'
// One device: host, actions with their parameter schemas, recent commands with results, connections.
import { useQuery } from '@tanstack/react-query'
import Link from 'next/link'
import { ApiError } from '@/components/ui/api-error'
import { useTRPC } from '@/components/trpc-provider'
import { DeviceAnomalies } from './device-anomalies'
import { formatAgo, formatJson } from './fleet-format'
import { StatusBadge } from './status-badge'

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
          <p>
            <StatusBadge status={d.revokedAt ? 'revoked' : d.status} /> <span className="mono">{d.id}</span> ·
            agent {d.agentVersion ?? 'never connected'} · token {d.tokenPrefix}… · {d.running}/
            {d.maxConcurrency} running · last seen {formatAgo(d.lastSeenAt)}
            {d.host ? ` · ${d.host.hostname ?? ''} ${d.host.platform ?? ''}/${d.host.arch ?? ''}` : ''}
          </p>
          <DeviceAnomalies deviceId={d.id} />
          <h3>Actions</h3>
          <ul>
            {d.actions.map((a) => (
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
          <h3>Recent commands</h3>
          <table aria-label="Recent commands">
            <thead>
              <tr>
                <th>Action</th>
                <th>Status</th>
                <th>Run</th>
                <th>Started</th>
                <th>Result</th>
              </tr>
            </thead>
            <tbody>
              {d.recentCommands.map((c) => (
                <tr key={c.id}>
                  <td>
                    <code>{c.action}</code>
                  </td>
                  <td>
                    <StatusBadge status={c.status} />
                    {c.progress?.percent != null ? ` ${c.progress.percent}%` : ''}
                  </td>
                  <td>
                    {c.executionId ? (
                      <Link href={`/runs/${c.executionId}`}>open run</Link>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>{formatAgo(c.startedAt ?? c.createdAt)}</td>
                  <td>
                    {c.error ? (
                      <span>
                        <code>{c.error.code}</code> {c.error.message}
                      </span>
                    ) : c.output !== null && c.output !== undefined ? (
                      <details>
                        <summary>output</summary>
                        <pre className="json">{formatJson(c.output)}</pre>
                      </details>
                    ) : null}
                  </td>
                </tr>
              ))}
              {d.recentCommands.length === 0 ? (
                <tr>
                  <td colSpan={5} className="muted">
                    No commands yet.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
          <h3>Connections</h3>
          <ul>
            {d.connections.map((c) => (
              <li key={c.id}>
                {c.connectedAt.toLocaleString()} from {c.remoteAddress ?? 'unknown'} via{' '}
                <span className="mono">{c.gatewayId}</span>
                {c.disconnectedAt
                  ? ` · ended ${formatAgo(c.disconnectedAt)} (${c.reason ?? 'unknown'})`
                  : ' · connected'}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}
