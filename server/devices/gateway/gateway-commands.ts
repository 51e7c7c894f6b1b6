// The gateway's writes to device_commands: claim queued commands for a socket it holds, record acks,
// progress, log lines and results (idempotent by command id, and only for the device's own commands).
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { scrubFinishedCommand, secretValuesOfCommand } from '@/server/secrets/command-secret-scrub'
import { redactSecrets } from '@/server/secrets/secret-redaction'
import { jsonTextWithoutNul } from '@/contracts/json-guard'
import type { StepError } from '@/server/engine/run/run-status'
import { rows } from '@/server/platform/sql-helpers'
import { ASYNC_COMMIT, IN_FLIGHT, releaseSlots } from '../command-slots'
import { preparedRows } from '../prepared-query'
import { writeCommandActivity } from './command-activity-writer'
import { notifySql } from '@/server/platform/notify-bus'
import { finishedCommandPayloadSql } from '@/server/platform/notify-channels'
import type { TCommandLog, TCommandProgress, TCommandResult } from '@/contracts/device-protocol'

export interface DeliverableCommand {
  id: string
  action: string
  params: Record<string, unknown>
  timeoutMs: number | null
}

const DELIVERY_BATCH = 100
/** Tells the dispatching runner about each finished command in CTE `updated`. */
const NOTIFY_UPDATED_RESULT = notifySql('deviceResults', finishedCommandPayloadSql('updated'))

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
  await markDelivery(db, deviceId, commandId, {
    set: sql`status = 'delivered', delivered_at = now(), gateway_id = ${gatewayId}`,
    from: sql`status = 'queued'`,
  })
}

export async function markAcked(
  db: Db,
  deviceId: string,
  commandId: string,
  gatewayId: string,
): Promise<void> {
  await markDelivery(db, deviceId, commandId, {
    set: sql`status = 'acked', acked_at = now(), delivered_at = COALESCE(delivered_at, now()),
        gateway_id = COALESCE(gateway_id, ${gatewayId})`,
    from: sql`status IN ('queued', 'delivered')`,
  })
}

/** Moves one of the device's commands along its delivery, committed without waiting for the WAL flush. */
async function markDelivery(
  db: Db,
  deviceId: string,
  commandId: string,
  change: { set: SQL; from: SQL },
): Promise<void> {
  await preparedRows(
    db,
    sql`WITH updated AS (
      UPDATE device_commands SET ${change.set}
      WHERE id = ${commandId} AND device_id = ${deviceId} AND ${change.from}
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

/** One progress report, written alone (the gateway batches them: command-activity-writer.ts). */
export async function recordProgress(db: Db, deviceId: string, progress: TCommandProgress): Promise<boolean> {
  return (await writeCommandActivity(db, { logs: [], progress: [{ deviceId, progress }] })).has(`${deviceId}/${progress.commandId}`)
}

/** One message of log lines, written alone (the gateway batches them: command-activity-writer.ts). */
export async function appendLogLines(db: Db, deviceId: string, log: TCommandLog): Promise<boolean> {
  return (await writeCommandActivity(db, { logs: [{ deviceId, log }], progress: [] })).has(`${deviceId}/${log.commandId}`)
}

/** `refused`: the result could not be stored and the command failed with invalid_output instead. */
export type ResultOutcome = 'applied' | 'duplicate' | 'unknown' | 'refused'

/** Applies a result once: a repeat is `duplicate`, another device's or an unknown command is `unknown`. */
export async function applyCommandResult(
  db: Db,
  deviceId: string,
  gatewayId: string,
  result: TCommandResult,
): Promise<ResultOutcome> {
  // Secret values rendered into the command leave the queue with its final state (docs/security.md).
  const secretValues = await secretValuesOfCommand(db, result.commandId)
  // Only the payload: the command id must stay as it is, whatever a short secret happens to match.
  const scrubbed: TCommandResult = result.ok
    ? { ...result, output: redactSecrets(result.output, secretValues) }
    : { ...result, error: redactSecrets(result.error, secretValues) }
  const [row] = await finishCommand<AppliedRow>(db, {
    commandId: result.commandId,
    secretValues,
    statement: resultStatement(deviceId, gatewayId, scrubbed),
    finished: (found) => (found[0]?.applied ?? 0) > 0,
    alone: preparedRows,
  })
  if (row && row.applied > 0) return 'applied'
  return row?.existing ? 'duplicate' : 'unknown'
}

type AppliedRow = { applied: number; existing: string | null }

function resultStatement(deviceId: string, gatewayId: string, result: TCommandResult) {
  // PostgreSQL JSON cannot hold NUL characters: they are stored as U+FFFD; undefined becomes null.
  const output = result.ok ? jsonTextWithoutNul(result.output) : null
  const error = result.ok ? null : jsonTextWithoutNul(result.error)
  return sql`WITH updated AS (
          UPDATE device_commands SET
            status = CASE WHEN ${result.ok} THEN 'succeeded' WHEN cancel_requested_at IS NOT NULL THEN 'cancelled' ELSE 'failed' END,
            output = ${output}::jsonb, error = ${error}::jsonb, finished_at = now(),
            started_at = COALESCE(started_at, now()), delivered_at = COALESCE(delivered_at, now()),
            gateway_id = COALESCE(gateway_id, ${gatewayId})
          WHERE id = ${result.commandId} AND device_id = ${deviceId} AND status IN ${IN_FLIGHT}
          RETURNING *
        ), released AS (${releaseSlots('updated')})
        SELECT (SELECT count(*) FROM (SELECT ${NOTIFY_UPDATED_RESULT} FROM updated) n)::int AS applied,
               (SELECT status FROM device_commands WHERE id = ${result.commandId} AND device_id = ${deviceId}) AS existing`
}

/**
 * A result whose output or error cannot be stored (nested too deep, lone surrogates): the command
 * fails with the final `invalid_output`, naming the path, so the step fails instead of the agent
 * resending a result the gateway can never record.
 */
export async function failUnstorableResult(
  db: Db,
  deviceId: string,
  commandId: string,
  problem: string,
): Promise<ResultOutcome> {
  const message = `The device's result cannot be stored: ${problem}`.slice(0, 4000)
  if (await failCommand(db, deviceId, commandId, { code: 'invalid_output', message, retryable: false }))
    return 'refused'
  const [row] = await rows<{ status: string }>(
    db,
    sql`SELECT status FROM device_commands WHERE id = ${commandId} AND device_id = ${deviceId}`,
  )
  return row ? 'duplicate' : 'unknown'
}

/** Fails one command the agent refused or never acknowledged; false when it was not in flight on this device. */
export async function failCommand(
  db: Db,
  deviceId: string,
  commandId: string,
  error: StepError,
): Promise<boolean> {
  const secretValues = await secretValuesOfCommand(db, commandId)
  const failed = await finishCommand<{ id: string }>(db, {
    commandId,
    secretValues,
    statement: sql`WITH updated AS (
          UPDATE device_commands SET status = 'failed', error = ${JSON.stringify(redactSecrets(error, secretValues))}::jsonb, finished_at = now()
          WHERE id = ${commandId} AND device_id = ${deviceId} AND status IN ${IN_FLIGHT}
          RETURNING *
        ), released AS (${releaseSlots('updated')})
        SELECT id, ${NOTIFY_UPDATED_RESULT} FROM updated`,
    finished: (found) => found.length > 0,
    alone: rows,
  })
  return failed.length > 0
}

/**
 * Runs a statement that may move a command to its final state. With no secret values in the
 * command it is one statement (`alone`); otherwise the scrub of those values joins its
 * transaction, when `finished` says the statement did end the command.
 */
async function finishCommand<Row>(
  db: Db,
  command: {
    commandId: string
    secretValues: readonly string[]
    statement: SQL
    finished: (found: Row[]) => boolean
    alone: (db: Db, statement: SQL) => Promise<Row[]>
  },
): Promise<Row[]> {
  const { commandId, secretValues, statement } = command
  if (secretValues.length === 0) return command.alone(db, statement)
  return db.transaction(async (tx) => {
    const found = await rows<Row>(tx, statement)
    if (command.finished(found)) await scrubFinishedCommand(tx, commandId, secretValues)
    return found
  })
}
