// What the monitoring page shows at a glance, and the sampled series behind its charts. Snapshots
// are cached for a second per database handle, so many open pages polling cost one read; the
// windows are cached longer (cached-measurements.ts).
import { and, asc, gt } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { monitoringSamples } from '@/db/schema'
import { listActiveAlerts, type AlertRuleView } from './alert-rule-store'
import { readSystemState, type SystemState } from './system-state-queries'
import { measureWindowCached } from './cached-measurements'
import type { WindowMeasurements } from './window-measurements'

export interface MonitoringSnapshot {
  at: Date
  state: SystemState
  last5m: WindowMeasurements
  last60m: WindowMeasurements
  alerts: AlertRuleView[]
}

const SNAPSHOT_TTL_MS = 1000
const cache = new WeakMap<Db, { at: number; value: Promise<MonitoringSnapshot> }>()

export function readMonitoringSnapshot(db: Db, now: Date): Promise<MonitoringSnapshot> {
  const hit = cache.get(db)
  if (hit && Math.abs(now.getTime() - hit.at) < SNAPSHOT_TTL_MS) return hit.value
  const value = loadSnapshot(db, now)
  cache.set(db, { at: now.getTime(), value })
  value.catch(() => cache.delete(db))
  return value
}

async function loadSnapshot(db: Db, now: Date): Promise<MonitoringSnapshot> {
  const [state, last5m, last60m, alerts] = await Promise.all([
    readSystemState(db, now),
    measureWindowCached(db, now, 300),
    measureWindowCached(db, now, 3600),
    listActiveAlerts(db),
  ])
  return { at: now, state, last5m, last60m, alerts }
}

export type MonitoringSample = typeof monitoringSamples.$inferSelect

export async function readMonitoringSeries(db: Db, now: Date, minutes: number): Promise<MonitoringSample[]> {
  return db
    .select()
    .from(monitoringSamples)
    .where(and(gt(monitoringSamples.sampledAt, new Date(now.getTime() - minutes * 60_000))))
    .orderBy(asc(monitoringSamples.sampledAt))
}
