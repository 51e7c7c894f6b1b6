// The system as it is now: runs in flight, the ready queue, devices and database connections.
// Each query is served by an index (status, the due-work partial index, the interrupted-events index).
import { sql } from 'drizzle-orm'
import { rows, timestamp, type Queryable } from '@/server/platform/sql-helpers'

export interface SystemState {
  runsRunning: number
  runsQueued: number
  /** Ready steps that are due now and not yet claimed. */
  queueDepth: number
  /** Ready steps whose run_at lies in the future (retry backoff). */
  scheduledSteps: number
  devicesByStatus: Record<string, number>
  /** Running commands over the summed max concurrency of online, non-draining devices; null without devices. */
  deviceUtilization: number | null
  deviceSlots: number
  deviceLoad: number
  /** step.interrupted events ever recorded: leases that expired and were reclaimed. */
  leaseReclaimsTotal: number
  dbConnectionsByState: Record<string, number>
}

export async function readSystemState(db: Queryable, now: Date): Promise<SystemState> {
  const [runs, queue, devices, reclaims, connections] = await Promise.all([
    rows<{ status: string; n: number }>(
      db,
      sql`SELECT status, count(*)::int AS n FROM executions WHERE status IN ('running', 'queued') GROUP BY status`,
    ),
    rows<{ due: number; scheduled: number }>(
      db,
      sql`SELECT count(*) FILTER (WHERE run_at <= ${timestamp(now)})::int AS due,
                 count(*) FILTER (WHERE run_at > ${timestamp(now)})::int AS scheduled
          FROM step_executions WHERE status = 'ready' AND run_at IS NOT NULL`,
    ),
    rows<{ status: string; n: number; slots: number; load: number }>(
      db,
      sql`SELECT status, count(*)::int AS n,
                 coalesce(sum(max_concurrency) FILTER (WHERE NOT draining), 0)::int AS slots,
                 coalesce(sum(least(load, max_concurrency)) FILTER (WHERE NOT draining), 0)::int AS load
          FROM devices WHERE revoked_at IS NULL GROUP BY status`,
    ),
    rows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM execution_events WHERE type = 'step.interrupted'`,
    ),
    rows<{ state: string | null; n: number }>(
      db,
      sql`SELECT state, count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() GROUP BY state`,
    ),
  ])
  const runCount = (status: string) => runs.find((r) => r.status === status)?.n ?? 0
  const online = devices.filter((d) => d.status === 'online' || d.status === 'busy')
  const deviceSlots = online.reduce((sum, d) => sum + d.slots, 0)
  const deviceLoad = online.reduce((sum, d) => sum + d.load, 0)
  return {
    runsRunning: runCount('running'),
    runsQueued: runCount('queued'),
    queueDepth: queue[0]?.due ?? 0,
    scheduledSteps: queue[0]?.scheduled ?? 0,
    devicesByStatus: Object.fromEntries(devices.map((d) => [d.status, d.n])),
    deviceUtilization: deviceSlots > 0 ? deviceLoad / deviceSlots : null,
    deviceSlots,
    deviceLoad,
    leaseReclaimsTotal: reclaims[0]?.n ?? 0,
    dbConnectionsByState: Object.fromEntries(connections.map((c) => [c.state ?? 'unknown', c.n])),
  }
}
