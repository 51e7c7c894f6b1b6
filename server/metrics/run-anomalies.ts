// The anomalies that concern one run (the run view) or one device (the device page): the run's
// slow step executions, the devices that ran its commands when they are flagged, and its steps
// when they fail more than before. Detection is the usual one (find-anomalies.ts), filtered.
import { sql } from 'drizzle-orm'
import type { Anomaly } from '@/server/statistics/anomaly/anomaly-types'
import { rows, type Queryable } from '@/server/platform/sql-helpers'
import { findAnomalies, type AnomalyQuery } from './find-anomalies'

const MAX_RECENT_MINUTES = 24 * 60

export interface RunInvolvement {
  createdAt: Date
  /** Step row ids of the run. */
  stepRowIds: Set<string>
  /** `<workflow id>/<step id>` keys, as step anomalies name their subject. */
  stepKeys: Set<string>
  /** Devices that ran (or were sent) commands for the run. */
  deviceIds: Set<string>
}

export async function readRunInvolvement(db: Queryable, executionId: string): Promise<RunInvolvement | null> {
  const found = await rows<{
    created_at: string
    workflow_id: string | null
    step_row_id: string | null
    step_id: string | null
    device_id: string | null
  }>(
    db,
    sql`SELECT e.created_at, e.workflow_id, s.id AS step_row_id, s.step_id, c.device_id
        FROM executions e
        LEFT JOIN step_executions s ON s.execution_id = e.id
        LEFT JOIN device_commands c ON c.step_execution_id = s.id
        WHERE e.id = ${executionId}`,
  )
  const first = found[0]
  if (!first) return null
  const involvement: RunInvolvement = {
    createdAt: new Date(first.created_at),
    stepRowIds: new Set(),
    stepKeys: new Set(),
    deviceIds: new Set(),
  }
  for (const r of found) {
    if (r.step_row_id) involvement.stepRowIds.add(r.step_row_id)
    if (r.step_id) involvement.stepKeys.add(`${r.workflow_id ?? 'deleted'}/${r.step_id}`)
    if (r.device_id) involvement.deviceIds.add(r.device_id)
  }
  return involvement
}

/** Whether an anomaly is about the run: one of its executions, its steps or its devices. */
export function concernsRun(anomaly: Anomaly, run: RunInvolvement): boolean {
  if (anomaly.kind === 'slow_execution')
    return anomaly.sampleId !== undefined && run.stepRowIds.has(anomaly.sampleId)
  if (anomaly.subject.kind === 'device') return run.deviceIds.has(anomaly.subject.key)
  return run.stepKeys.has(anomaly.subject.key)
}

/**
 * The run's anomalies; the recent period stretches back to the run's start (up to a day), so an
 * older run's slow steps are still judged. Empty when the run does not exist.
 */
export async function findRunAnomalies(
  db: Queryable,
  now: Date,
  executionId: string,
  query: AnomalyQuery = {},
): Promise<Anomaly[]> {
  const run = await readRunInvolvement(db, executionId)
  if (!run) return []
  const sinceStart = Math.ceil((now.getTime() - run.createdAt.getTime()) / 60_000) + 1
  const recentMinutes = Math.min(MAX_RECENT_MINUTES, Math.max(query.recentMinutes ?? 60, sinceStart))
  const lookbackHours = Math.max(query.lookbackHours ?? 24, Math.ceil(recentMinutes / 60) + 1)
  const found = await findAnomalies(db, now, { ...query, recentMinutes, lookbackHours })
  return found.filter((a) => concernsRun(a, run))
}

/** The anomalies about one device (slow executions on it, slow or failing device). */
export async function findDeviceAnomalies(
  db: Queryable,
  now: Date,
  deviceId: string,
  query: AnomalyQuery = {},
): Promise<Anomaly[]> {
  const found = await findAnomalies(db, now, query)
  return found.filter((a) => a.subject.kind === 'device' && a.subject.key === deviceId)
}
