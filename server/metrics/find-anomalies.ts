// Anomalies in recent work: baselines from the lookback period (default 24 h), flags in the recent
// period (default 1 h). Steps are keyed by workflow and step id; devices by device id and action,
// read from device_commands. The detectors are pure (server/statistics/anomaly).
import { sql } from 'drizzle-orm'
import type { Anomaly } from '@/server/statistics/anomaly/anomaly-types'
import {
  detectSlowDevices,
  detectSlowExecutions,
  type DurationSeries,
} from '@/server/statistics/anomaly/duration-anomalies'
import {
  detectFailureRateAnomalies,
  detectFailureRateIncrease,
  type FailureCounts,
} from '@/server/statistics/anomaly/failure-anomalies'
import { rows, timestamp, type Queryable } from '@/server/platform/sql-helpers'

export interface AnomalyQuery {
  workflowId?: string
  lookbackHours?: number
  recentMinutes?: number
  /** Most rows read per source; the newest are kept. */
  maxSamples?: number
}

interface StepRow {
  id: string
  workflow_id: string | null
  workflow_name: string | null
  step_id: string
  status: string
  duration_ms: number | null
  finished_at: string
}

interface CommandRow {
  device_id: string
  device_name: string | null
  action: string
  status: string
  step_execution_id: string | null
  duration_ms: number | null
  finished_at: string
  workflow_id: string | null
  workflow_name: string | null
  step_id: string | null
}

export async function findAnomalies(db: Queryable, now: Date, query: AnomalyQuery = {}): Promise<Anomaly[]> {
  const lookback = new Date(now.getTime() - (query.lookbackHours ?? 24) * 3_600_000)
  const since = new Date(now.getTime() - (query.recentMinutes ?? 60) * 60_000)
  const limit = query.maxSamples ?? 20_000
  const [steps, commands] = await Promise.all([
    readStepRows(db, lookback, now, limit, query.workflowId),
    readCommandRows(db, lookback, now, limit, query.workflowId),
  ])
  const period = `in the last ${query.recentMinutes ?? 60} min`
  return [
    ...detectSlowExecutions(stepSeries(steps), { since }),
    ...detectSlowExecutions(deviceSeries(commands), { since }),
    ...detectSlowDevices(deviceActionGroups(commands)),
    ...detectFailureRateAnomalies(recentFailures(commands, since), { period }),
    ...stepFailureIncreases(steps, since, period),
  ]
}

function readStepRows(db: Queryable, from: Date, to: Date, limit: number, workflowId: string | undefined) {
  return rows<StepRow>(
    db,
    sql`SELECT s.id, e.workflow_id, w.name AS workflow_name, s.step_id, s.status,
               (extract(epoch FROM s.finished_at - s.started_at) * 1000)::float8 AS duration_ms, s.finished_at
        FROM step_executions s
        JOIN executions e ON e.id = s.execution_id
        LEFT JOIN workflows w ON w.id = e.workflow_id
        WHERE s.finished_at > ${timestamp(from)} AND s.finished_at <= ${timestamp(to)}
          AND s.status IN ('succeeded', 'failed') AND e.kind = 'run'
          ${workflowId ? sql`AND e.workflow_id = ${workflowId}` : sql``}
        ORDER BY s.finished_at DESC
        LIMIT ${limit}`,
  )
}

/** Commands with the workflow step they ran for, so a device is compared on like work. */
function readCommandRows(db: Queryable, from: Date, to: Date, limit: number, workflowId: string | undefined) {
  return rows<CommandRow>(
    db,
    sql`SELECT c.device_id, d.name AS device_name, c.action, c.status, c.step_execution_id,
               (extract(epoch FROM c.finished_at - coalesce(c.started_at, c.acked_at, c.delivered_at, c.created_at)) * 1000)::float8 AS duration_ms,
               c.finished_at, e.workflow_id, w.name AS workflow_name, s.step_id
        FROM device_commands c
        LEFT JOIN devices d ON d.id = c.device_id
        LEFT JOIN step_executions s ON s.id = c.step_execution_id
        LEFT JOIN executions e ON e.id = s.execution_id
        LEFT JOIN workflows w ON w.id = e.workflow_id
        WHERE c.finished_at > ${timestamp(from)} AND c.finished_at <= ${timestamp(to)}
          AND c.status IN ('succeeded', 'failed') AND e.kind IS DISTINCT FROM 'test'
          ${workflowId ? sql`AND e.workflow_id = ${workflowId}` : sql``}
        ORDER BY c.finished_at DESC
        LIMIT ${limit}`,
  )
}

/**
 * What a command did, for grouping: the workflow step when known (the same action with other
 * parameters is other work: `sleep 300` and `sleep 800`), else the action.
 */
function workOf(c: CommandRow): { key: string; label: string } {
  if (c.step_id && c.workflow_id)
    return {
      key: `${c.workflow_id}/${c.step_id}`,
      label: `${c.step_id} (${c.action}, ${c.workflow_name ?? 'deleted workflow'})`,
    }
  return { key: `action:${c.action}`, label: c.action }
}

function stepSeries(steps: StepRow[]): DurationSeries[] {
  const series = new Map<string, DurationSeries & { samples: DurationSeries['samples'][number][] }>()
  for (const r of steps) {
    if (r.status !== 'succeeded' || r.duration_ms === null) continue
    const key = `${r.workflow_id ?? 'deleted'}/${r.step_id}`
    const label = `${r.step_id} (${r.workflow_name ?? 'deleted workflow'})`
    const entry = series.get(key) ?? { kind: 'step' as const, key, label, samples: [] }
    entry.samples.push({
      id: r.id,
      durationMs: r.duration_ms,
      at: new Date(r.finished_at),
      description: `step ${r.step_id} of ${r.workflow_name ?? 'a deleted workflow'}`,
    })
    series.set(key, entry)
  }
  return [...series.values()]
}

function deviceSeries(commands: CommandRow[]): DurationSeries[] {
  const series = new Map<string, DurationSeries & { samples: DurationSeries['samples'][number][] }>()
  for (const c of commands) {
    if (c.status !== 'succeeded' || c.duration_ms === null) continue
    const name = c.device_name ?? c.device_id
    const work = workOf(c)
    const key = `${c.device_id}/${work.key}`
    const entry = series.get(key) ?? { kind: 'device' as const, key: c.device_id, label: name, samples: [] }
    entry.samples.push({
      id: c.step_execution_id ?? `${c.device_id}:${c.finished_at}`,
      durationMs: c.duration_ms,
      at: new Date(c.finished_at),
      description: `${c.step_id ?? c.action} on device ${name}`,
    })
    series.set(key, entry)
  }
  return [...series.values()]
}

function deviceActionGroups(commands: CommandRow[]) {
  const groups = new Map<
    string,
    { deviceId: string; deviceLabel: string; action: string; durationsMs: number[] }
  >()
  for (const c of commands) {
    if (c.status !== 'succeeded' || c.duration_ms === null) continue
    const work = workOf(c)
    const key = `${c.device_id}/${work.key}`
    const g = groups.get(key) ?? {
      deviceId: c.device_id,
      deviceLabel: c.device_name ?? c.device_id,
      // Peers are grouped by this label: the step's label names its workflow, so it is unique.
      action: work.label,
      durationsMs: [],
    }
    g.durationsMs.push(c.duration_ms)
    groups.set(key, g)
  }
  return [...groups.values()]
}

function recentFailures(commands: CommandRow[], since: Date): FailureCounts[] {
  const counts = new Map<string, FailureCounts>()
  for (const c of commands) {
    if (new Date(c.finished_at) < since) continue
    const entry = counts.get(c.device_id) ?? {
      kind: 'device' as const,
      key: c.device_id,
      label: c.device_name ?? c.device_id,
      total: 0,
      failed: 0,
    }
    entry.total++
    if (c.status === 'failed') entry.failed++
    counts.set(c.device_id, entry)
  }
  return [...counts.values()]
}

/** Steps failing more in the recent period than earlier in the lookback. */
function stepFailureIncreases(steps: StepRow[], since: Date, period: string): Anomaly[] {
  const groups = new Map<string, { recent: FailureCounts; history: { total: number; failed: number } }>()
  for (const r of steps) {
    const key = `${r.workflow_id ?? 'deleted'}/${r.step_id}`
    const label = `${r.step_id} (${r.workflow_name ?? 'deleted workflow'})`
    const g = groups.get(key) ?? {
      recent: { kind: 'step', key, label, total: 0, failed: 0 },
      history: { total: 0, failed: 0 },
    }
    const bucket = new Date(r.finished_at) >= since ? g.recent : g.history
    bucket.total++
    if (r.status === 'failed') bucket.failed++
    groups.set(key, g)
  }
  return [...groups.values()]
    .map((g) => detectFailureRateIncrease(g.recent, g.history, { period }))
    .filter((a): a is Anomaly => a !== undefined)
}
