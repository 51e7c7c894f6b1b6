'use client'
// A device's current anomaly flags with their explanations ("deploy on device edge-7 took 41 s,
// 5.2× its median of 7.9 s"). A slow or failing device is de-prioritised by least-loaded routing.
import { useQuery } from '@tanstack/react-query'
import { useTRPC } from '@/components/trpc-provider'
import { ApiError } from '@/components/ui/api-error'
import type { TAnomaly } from '@/server/api/routers/monitoring/list-anomalies.types'

const KIND_LABEL: Record<TAnomaly['kind'], string> = {
  slow_execution: 'slow command',
  slow_device: 'slow device',
  high_failure_rate: 'failing',
}

/** The kinds that flag the device itself (one slow command does not). */
const isDeviceFlag = (a: TAnomaly) => a.kind !== 'slow_execution'

export function DeviceAnomalies({ deviceId }: { deviceId: string }) {
  const trpc = useTRPC()
  const anomalies = useQuery({
    ...trpc.monitoring.anomalies.queryOptions({ deviceId, lookbackHours: 24, recentMinutes: 60 }),
    refetchInterval: 30_000,
  })
  const list = anomalies.data ?? []
  return (
    <section aria-label="Device anomalies">
      <h3>Anomalies</h3>
      <ApiError error={anomalies.error} title="Could not check the device for anomalies" />
      {anomalies.isPending ? <p className="muted">Checking…</p> : null}
      {anomalies.data && list.length === 0 ? (
        <p className="muted">No anomalies in the last hour (against 24 h baselines).</p>
      ) : null}
      {list.some(isDeviceFlag) ? (
        <p>
          <strong>Flagged:</strong> least-loaded routing sends this device work only when no unflagged device
          has a free slot.
        </p>
      ) : null}
      {list.length > 0 ? (
        <ul>
          {list.map((a, i) => (
            <li key={`${a.kind}-${a.sampleId ?? i}`}>
              <span className="badge">{KIND_LABEL[a.kind]}</span> {a.explanation}
              {a.at ? <span className="muted"> · {a.at.toLocaleTimeString()}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
