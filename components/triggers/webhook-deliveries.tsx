'use client'
// The webhook's last deliveries: each accepted call, the run it started and that run's status.
// Kept current by the panel's live subscription (it invalidates this query).
import { useQuery } from '@tanstack/react-query'
import Link from 'next/link'
import { RunStatusBadge } from '@/components/canvas/run-status-badge'
import { useTRPC } from '@/components/trpc-provider'
import { ApiError } from '@/components/ui/api-error'
import type { ExecutionStatus } from '@/server/engine/run/run-status'
import styles from './triggers.module.css'

export function WebhookDeliveries({ workflowId }: { workflowId: string }) {
  const trpc = useTRPC()
  const deliveries = useQuery(trpc.triggers.webhooks.deliveries.queryOptions({ workflowId, limit: 10 }))
  const items = deliveries.data?.items ?? []
  return (
    <div>
      <strong>Last deliveries</strong>
      <ApiError error={deliveries.error} />
      {deliveries.isSuccess && items.length === 0 ? (
        <p className="muted">
          No calls yet. Refused calls (bad signature, bad inputs) start no run and are not listed.
        </p>
      ) : (
        <table className={styles.table} aria-label="Webhook deliveries">
          <thead>
            <tr>
              <th>Received</th>
              <th>Status</th>
              <th>Run</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.runId} data-run-id={d.runId}>
                <td>{d.receivedAt.toLocaleString()}</td>
                <td>
                  <RunStatusBadge status={d.status as ExecutionStatus} />
                </td>
                <td>
                  <Link href={`/runs/${d.runId}`} className="mono">
                    {d.runId.slice(0, 8)}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
