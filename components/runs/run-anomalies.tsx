'use client'
// The anomalies of one run: its steps that ran far slower than their baselines, the devices that
// ran its commands while flagged (slow or failing against their peers), and its steps that fail
// more than before, each explained in a sentence. Hidden when there is nothing to show.
import { useQuery } from '@tanstack/react-query'
import { useTRPC } from '@/components/trpc-provider'
import { ApiError } from '@/components/ui/api-error'
import type { TAnomaly } from '@/server/api/routers/monitoring/list-anomalies.types'

const KIND_LABEL: Record<TAnomaly['kind'], string> = {
  slow_execution: 'slow step',
  slow_device: 'slow device',
  high_failure_rate: 'failing',
}

/** A step anomaly's subject is `<workflow id>/<step id>`: the step to select in the run view. */
function stepIdOf(anomaly: TAnomaly): string | undefined {
  if (anomaly.subject.kind !== 'step') return undefined
  return anomaly.subject.key.slice(anomaly.subject.key.indexOf('/') + 1) || undefined
}

export function RunAnomalies({
  runId,
  onSelectStep,
}: {
  runId: string
  /** Selects a step in the canvas and inspector when an anomaly names one. */
  onSelectStep?: (stepId: string) => void
}) {
  const trpc = useTRPC()
  const anomalies = useQuery({
    ...trpc.monitoring.anomalies.queryOptions({ executionId: runId, lookbackHours: 24, recentMinutes: 60 }),
    refetchInterval: 30_000,
  })
  const list = anomalies.data ?? []
  if (!anomalies.error && list.length === 0) return null
  return (
    <section className="card" aria-label="Run anomalies">
      <h2>Anomalies</h2>
      <ApiError error={anomalies.error} title="Could not check this run for anomalies" />
      <ul>
        {list.map((a, i) => {
          const stepId = stepIdOf(a)
          return (
            <li key={`${a.kind}-${a.subject.key}-${a.sampleId ?? i}`}>
              <span className="badge">{KIND_LABEL[a.kind]}</span> {a.explanation}
              {stepId && onSelectStep ? (
                <>
                  {' '}
                  <button type="button" className="link" onClick={() => onSelectStep(stepId)}>
                    inspect {stepId}
                  </button>
                </>
              ) : null}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
