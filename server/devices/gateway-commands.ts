// The gateway's writes to device_commands: claim queued commands for a socket it holds, record acks,
// progress, log lines and results (idempotent by command id, and only for the device's own commands).
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import type { StepError } from '@/server/engine/run/run-status'
import { rows } from '@/server/runner/sql-helpers'
import { ASYNC_COMMIT, IN_FLIGHT, releaseSlots, resultPayload } from './command-slots'
import { preparedRows } from './prepared-query'
import { COMMAND_ACTIVITY_CHANNEL, DEVICE_RESULTS_CHANNEL } from './device-channels'
import type { TCommandLog, TCommandProgress, TCommandResult } from './protocol'

export interface DeliverableCommand {
  id: string
  action: string
  params: Record<string, unknown>
  timeoutMs: number | null
}

const DELIVERY_BATCH = 100

export async function claimQueuedCommands(
  db: Db,
  deviceId: string,
  gatewayId: string,
): Promise<DeliverableCommand[]> {
  const claimed = await preparedRows<{
    id: string
    action: string
    params: Record<string, unknown>
    timeout_ms: number | null
  }>(
    db,
    sql`UPDATE device_commands SET status = 'delivered', delivered_at = now(), gateway_id = ${gatewayId}
        WHERE id IN (SELECT id FROM device_commands WHERE device_id = ${deviceId} AND status = 'queued'
                     ORDER BY created_at LIMIT ${DELIVERY_BATCH} FOR UPDATE SKIP LOCKED)
        RETURNING id, action, params, timeout_ms`,
  )
  return claimed.map((c) => ({ id: c.id, action: c.action, params: c.params, timeoutMs: c.timeout_ms }))
}

/** Commands whose cancel was requested and not yet sent to the agent; marks them sent. */
export async function claimCancelRequests(db: Db, deviceId: string): Promise<string[]> {
  const claimed = await rows<{ id: string }>(
    db,
    sql`UPDATE device_commands SET cancel_sent_at = now()
        WHERE device_id = ${deviceId} AND cancel_requested_at IS NOT NULL AND cancel_sent_at IS NULL
          AND status IN ('delivered', 'acked', 'running')
        RETURNING id`,
  )
  return claimed.map((c) => c.id)
}

/** After delivering straight from a notification the row catches up; losing this write only means a redelivery. */
export async function markDelivered(
  db: Db,
  deviceId: string,
  commandId: string,
  gatewayId: string,
): Promise<void> {
  await preparedRows(
    db,
    sql`WITH updated AS (
      UPDATE device_commands SET status = 'delivered', delivered_at = now(), gateway_id = ${gatewayId}
      WHERE id = ${commandId} AND device_id = ${deviceId} AND status = 'queued'
    ) SELECT ${ASYNC_COMMIT}`,
  )
}

export async function markAcked(
  db: Db,
  deviceId: string,
  commandId: string,
  gatewayId: string,
): Promise<void> {
  await preparedRows(
    db,
    sql`WITH updated AS (
      UPDATE device_commands SET status = 'acked', acked_at = now(), delivered_at = COALESCE(delivered_at, now()),
        gateway_id = COALESCE(gateway_id, ${gatewayId})
      WHERE id = ${commandId} AND device_id = ${deviceId} AND status IN ('queued', 'delivered')
    ) SELECT ${ASYNC_COMMIT}`,
  )
}

/** Returns false for a command that is not this device's or not in flight. */
export async function markStarted(db: Db, deviceId: string, commandId: string): Promise<boolean> {
  const [row] = await preparedRows<{ updated: number }>(
    db,
    sql`WITH updated AS (
          UPDATE device_commands SET status = 'running', started_at = COALESCE(started_at, now()),
            acked_at = COALESCE(acked_at, now()), delivered_at = COALESCE(delivered_at, now())
          WHERE id = ${commandId} AND device_id = ${deviceId} AND status IN ${IN_FLIGHT}
          RETURNING id
        ) SELECT (SELECT count(*) FROM updated)::int AS updated, ${ASYNC_COMMIT} AS async_commit`,
  )
  return (row?.updated ?? 0) > 0
}

export async function recordProgress(db: Db, deviceId: string, progress: TCommandProgress): Promise<boolean> {
  const value = {
    percent: progress.percent ?? null,
    message: progress.message ?? null,
    at: new Date().toISOString(),
  }
  const [row] = await rows<{ updated: number }>(
    db,
    sql`WITH updated AS (
          UPDATE device_commands SET progress = ${JSON.stringify(value)}::jsonb
          WHERE id = ${progress.commandId} AND device_id = ${deviceId} AND status IN ${IN_FLIGHT}
          RETURNING id
        ) SELECT (SELECT count(*) FROM (SELECT pg_notify(${COMMAND_ACTIVITY_CHANNEL}, id) FROM updated) n)::int AS updated`,
  )
  return (row?.updated ?? 0) > 0
}

export async function appendLogLines(db: Db, deviceId: string, log: TCommandLog): Promise<boolean> {
  // One notification per batch (not per line) tells live views of the step to fetch the new lines.
  const [row] = await rows<{ inserted: number }>(
    db,
    sql`WITH inserted AS (
          INSERT INTO device_command_logs (command_id, stream, line)
          SELECT c.id, ${log.stream}, l.line
          FROM device_commands c, jsonb_array_elements_text(${JSON.stringify(log.lines.map((line) => line.replace(/\0/g, '\ufffd')))}::jsonb) WITH ORDINALITY AS l(line, n)
          WHERE c.id = ${log.commandId} AND c.device_id = ${deviceId}
          ORDER BY l.n
          RETURNING command_id
        ), counted AS (SELECT count(*)::int AS n FROM inserted)
        SELECT n AS inserted, (SELECT count(*) FROM (SELECT pg_notify(${COMMAND_ACTIVITY_CHANNEL}, ${log.commandId}) WHERE n > 0) x) AS notified
        FROM counted`,
  )
  return (row?.inserted ?? 0) > 0
}

export type ResultOutcome = 'applied' | 'duplicate' | 'unknown'

/** Applies a result once: a repeat is `duplicate`, another device's or an unknown command is `unknown`. */
export async function applyCommandResult(
  db: Db,
  deviceId: string,
  gatewayId: string,
  result: TCommandResult,
): Promise<ResultOutcome> {
  const output = result.ok ? storableJson(result.output) : null
  const error = result.ok ? null : JSON.stringify(result.error)
  const [row] = await preparedRows<{ applied: number; existing: string | null }>(
    db,
    sql`WITH updated AS (
          UPDATE device_commands SET
            status = CASE WHEN ${result.ok} THEN 'succeeded' WHEN cancel_requested_at IS NOT NULL THEN 'cancelled' ELSE 'failed' END,
            output = ${output}::jsonb, error = ${error}::jsonb, finished_at = now(),
            started_at = COALESCE(started_at, now()), delivered_at = COALESCE(delivered_at, now()),
            gateway_id = COALESCE(gateway_id, ${gatewayId})
          WHERE id = ${result.commandId} AND device_id = ${deviceId} AND status IN ${IN_FLIGHT}
          RETURNING *
        ), released AS (${releaseSlots('updated')})
        SELECT (SELECT count(*) FROM (SELECT pg_notify(${DEVICE_RESULTS_CHANNEL}, ${resultPayload('updated')}) FROM updated) n)::int AS applied,
               (SELECT status FROM device_commands WHERE id = ${result.commandId} AND device_id = ${deviceId}) AS existing`,
  )
  if (row && row.applied > 0) return 'applied'
  return row?.existing ? 'duplicate' : 'unknown'
}

/** Fails one command the agent refused or never acknowledged. */
export async function failCommand(
  db: Db,
  deviceId: string,
  commandId: string,
  error: StepError,
): Promise<void> {
  await db.execute(sql`
    WITH updated AS (
      UPDATE device_commands SET status = 'failed', error = ${JSON.stringify(error)}::jsonb, finished_at = now()
      WHERE id = ${commandId} AND device_id = ${deviceId} AND status IN ${IN_FLIGHT}
      RETURNING *
    ), released AS (${releaseSlots('updated')})
    SELECT pg_notify(${DEVICE_RESULTS_CHANNEL}, ${resultPayload('updated')}) FROM updated`)
}

/** PostgreSQL JSON cannot hold NUL characters; undefined becomes null. */
function storableJson(value: unknown): string {
  return (JSON.stringify(value ?? null) ?? 'null').replace(/\\u0000/g, '\\ufffd')
}
