// The device leaderboard: commands each device finished in the window (by the command's creation
// time), its failure rate, duration percentiles and busy time, busiest first.
import { isStepOfRealRun } from '@/server/platform/run-kind'
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import type { AnalyticsWindow } from '@/server/statistics/analytics/analytics-window'
import { timestamp } from '@/server/platform/sql-helpers'
import type { DeviceFailureStats } from '@/server/statistics/analytics/device-suggestions'
import { histogramQuantile, type HistogramBin } from '@/server/statistics/analytics/log-histogram'
import { histogramBucket, millisBetween, reportRows } from './analytics-sql'

export interface DeviceLeaderboardRow {
  deviceId: string
  deviceName: string
  commands: number
  succeeded: number
  failed: number
  failureRate: number
  p50Ms: number | null
  p95Ms: number | null
  busyMs: number
  topErrorCode: string | null
}

type StatsRow = {
  device_id: string
  name: string | null
  commands: number
  succeeded: number
  failed: number
  hist: HistogramBin[] | null
  busy_ms: number | null
}

/** The window's commands (in the window, of its workflow if set) as a SQL condition on alias `c`. */
function commandsInWindow(window: AnalyticsWindow) {
  return sql`c.created_at >= ${timestamp(window.from)} AND c.created_at < ${timestamp(window.to)}
    AND ${isStepOfRealRun(sql`(SELECT s.execution_id FROM step_executions s WHERE s.id = c.step_execution_id)`)}
    ${window.workflowId
      ? sql`AND EXISTS (SELECT 1 FROM step_executions s JOIN executions e ON e.id = s.execution_id
                        WHERE s.id = c.step_execution_id AND e.workflow_id = ${window.workflowId})`
      : sql``}`
}

/** Each device's most frequent error code among its failed commands in the window. */
async function readTopErrorCodes(db: Db, window: AnalyticsWindow): Promise<Map<string, string>> {
  const codes = await reportRows<{ device_id: string; code: string }>(
    db,
    sql`SELECT DISTINCT ON (c.device_id) c.device_id, c.error->>'code' AS code
        FROM device_commands c WHERE ${commandsInWindow(window)} AND c.status = 'failed' AND c.error->>'code' IS NOT NULL
        GROUP BY 1, 2 ORDER BY c.device_id, count(*) DESC, 2`,
  )
  return new Map(codes.map((c) => [c.device_id, c.code]))
}

/** Commands and failures per device without durations: what the device suggestions need, at a fraction of the cost. */
export async function readDeviceFailureCounts(db: Db, window: AnalyticsWindow): Promise<DeviceFailureStats[]> {
  const [counts, topCode] = await Promise.all([
    reportRows<{ device_id: string; name: string | null; commands: number; failed: number }>(
      db,
      sql`SELECT t.*, d.name FROM (
            SELECT c.device_id, count(*)::int AS commands, count(*) FILTER (WHERE c.status = 'failed')::int AS failed
            FROM device_commands c WHERE ${commandsInWindow(window)} AND c.status IN ('succeeded', 'failed')
            GROUP BY c.device_id
          ) t LEFT JOIN devices d ON d.id = t.device_id`,
    ),
    readTopErrorCodes(db, window),
  ])
  return counts.map((r) => ({
    deviceId: r.device_id,
    deviceName: r.name ?? r.device_id,
    commands: r.commands,
    failed: r.failed,
    topErrorCode: topCode.get(r.device_id) ?? null,
  }))
}

export async function readDeviceLeaderboard(db: Db, window: AnalyticsWindow): Promise<DeviceLeaderboardRow[]> {
  const inWindow = commandsInWindow(window)
  const ms = millisBetween(sql`coalesce(c.started_at, c.acked_at, c.delivered_at, c.created_at)`, sql`c.finished_at`)
  const [stats, topCode] = await Promise.all([
    reportRows<StatsRow>(
      db,
      sql`WITH h AS MATERIALIZED (
            SELECT c.device_id, ${histogramBucket(ms)} AS b, count(*) AS n,
                   count(*) FILTER (WHERE c.status = 'succeeded') AS succeeded,
                   count(*) FILTER (WHERE c.status = 'failed') AS failed, sum(${ms}) AS busy_ms
            FROM device_commands c WHERE ${inWindow} AND c.status IN ('succeeded', 'failed')
            GROUP BY 1, 2
          )
          SELECT t.*, d.name FROM (
            SELECT device_id, sum(n)::int AS commands, sum(succeeded)::int AS succeeded, sum(failed)::int AS failed,
                   sum(busy_ms)::float8 AS busy_ms, json_agg(json_build_array(b, n)) FILTER (WHERE b IS NOT NULL) AS hist
            FROM h GROUP BY 1
          ) t LEFT JOIN devices d ON d.id = t.device_id
          ORDER BY t.commands DESC, t.device_id`,
    ),
    readTopErrorCodes(db, window),
  ])
  return stats.map((r) => ({
    deviceId: r.device_id,
    deviceName: r.name ?? r.device_id,
    commands: r.commands,
    succeeded: r.succeeded,
    failed: r.failed,
    failureRate: r.commands > 0 ? r.failed / r.commands : 0,
    p50Ms: histogramQuantile(r.hist ?? [], 0.5),
    p95Ms: histogramQuantile(r.hist ?? [], 0.95),
    busyMs: r.busy_ms ?? 0,
    topErrorCode: topCode.get(r.device_id) ?? null,
  }))
}
