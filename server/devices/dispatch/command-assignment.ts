// The runner side of the command queue: assign a command to one device (taking one of its slots),
// request a cancel, and read finished commands.
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { scrubFinishedCommand, secretValuesOfCommand } from '@/server/secrets/command-secret-scrub'
import type { StepError } from '@/server/engine/run/run-status'
import { rows, textList, type Queryable } from '@/server/platform/sql-helpers'
import { notifySql } from '@/server/platform/notify-bus'
import { cancelPayloadSql, newCommandPayloadSql } from '@/server/platform/notify-channels'
import { preparedRows } from '../prepared-query'
import { ASYNC_COMMIT, IN_FLIGHT, releaseSlots } from '../command-slots'

/** Tells the device's gateway about each new command in CTE `inserted` (the command itself when it fits). */
const NOTIFY_INSERTED_COMMAND = notifySql('deviceCommands', newCommandPayloadSql('inserted'))
/** Tells the gateway holding the device of a cancelled command (CTE `target`) to stop it. */
const NOTIFY_CANCEL = notifySql('deviceCommands', cancelPayloadSql(sql`device_id`))

export interface NewCommand {
  id: string
  action: string
  params: Record<string, unknown>
  timeoutMs: number | undefined
}

export type Assignment =
  | { kind: 'assigned'; deviceId: string }
  /** The command id already has a row (a repeated dispatch): follow that row. */
  | { kind: 'existing'; deviceId: string }
  /** The device is at its max concurrency. */
  | { kind: 'full' }
  /** The device is offline, draining or revoked. */
  | { kind: 'unavailable' }

/** `<uuid>:<attempt>…`, the runner's command id shape, gives the step row and attempt. */
export function parseCommandId(id: string): { stepExecutionId: string | null; attempt: number | null } {
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):(\d{1,9})(?::|@|$)/i.exec(id)
  return match
    ? { stepExecutionId: match[1] ?? null, attempt: Number(match[2]) }
    : { stepExecutionId: null, attempt: null }
}

/**
 * Assigns a command to one device in one statement: takes a slot only while the device is below
 * its max concurrency (the row update re-checks under its lock), inserts the row and wakes the
 * gateways. A row left `failed` before delivery (its device went away first) is routed again.
 */
export async function assignCommand(db: Db, command: NewCommand, deviceId: string): Promise<Assignment> {
  const { stepExecutionId, attempt } = parseCommandId(command.id)
  const [row] = await preparedRows<{
    assigned: string | null
    existing: string | null
    full: boolean | null
  }>(
    db,
    sql`WITH existing AS (
          SELECT device_id FROM device_commands
          WHERE id = ${command.id} AND NOT (status = 'failed' AND delivered_at IS NULL)
        ), picked AS (
          UPDATE devices SET load = load + 1, last_assigned_at = clock_timestamp(),
            status = CASE WHEN status = 'online' AND load + 1 >= max_concurrency THEN 'busy' ELSE status END
          WHERE id = ${deviceId} AND load < max_concurrency AND status <> 'offline' AND NOT draining
            AND revoked_at IS NULL AND NOT EXISTS (SELECT 1 FROM existing)
          RETURNING id
        ), inserted AS (
          INSERT INTO device_commands (id, device_id, step_execution_id, attempt, action, params, timeout_ms)
          SELECT ${command.id}, picked.id, ${stepExecutionId}::uuid, ${attempt}::int, ${command.action},
                 ${JSON.stringify(command.params)}::jsonb, ${command.timeoutMs ?? null}::int
          FROM picked
          ON CONFLICT (id) DO UPDATE SET device_id = excluded.device_id, status = 'queued', error = NULL,
            output = NULL, finished_at = NULL, created_at = now(), gateway_id = NULL
          WHERE device_commands.status = 'failed' AND device_commands.delivered_at IS NULL
          RETURNING *
        )
        SELECT (SELECT device_id FROM inserted) AS assigned,
               (SELECT count(*) FROM (SELECT ${NOTIFY_INSERTED_COMMAND} FROM inserted) n) AS notified,
               (SELECT device_id FROM existing) AS existing,
               (SELECT load >= max_concurrency FROM devices WHERE id = ${deviceId}
                  AND status <> 'offline' AND NOT draining AND revoked_at IS NULL) AS full,
               ${ASYNC_COMMIT} AS async_commit`,
  )
  if (row?.assigned) return { kind: 'assigned', deviceId: row.assigned }
  if (row?.existing) return { kind: 'existing', deviceId: row.existing }
  return row?.full ? { kind: 'full' } : { kind: 'unavailable' }
}

/** A queued command is cancelled at once; a delivered one is flagged for its gateway to tell the agent. */
export async function requestCancel(db: Db, commandId: string): Promise<void> {
  const secretValues = await secretValuesOfCommand(db, commandId)
  const cancel = async (tx: Queryable) => {
    const target = await rows<{ status: string }>(
      tx,
      sql`WITH target AS (
        UPDATE device_commands SET
          cancel_requested_at = now(),
          status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
          finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END
        WHERE id = ${commandId} AND status IN ${IN_FLIGHT}
        RETURNING device_id, status
      ), finished AS (SELECT device_id FROM target WHERE status = 'cancelled'),
      released AS (${releaseSlots('finished')}),
      notified AS (
        SELECT ${NOTIFY_CANCEL} FROM target WHERE status <> 'cancelled'
      )
      SELECT status, (SELECT count(*) FROM notified) AS notified FROM target`,
    )
    // Cancelled before delivery: final now, so the rendered secrets leave the queue now.
    if (target[0]?.status === 'cancelled') await scrubFinishedCommand(tx, commandId, secretValues)
  }
  // One statement when there is nothing to scrub; otherwise the scrub joins its transaction.
  await (secretValues.length === 0 ? cancel(db) : db.transaction(cancel))
}

export interface FinishedCommand {
  id: string
  deviceId: string
  status: 'succeeded' | 'failed' | 'cancelled'
  output: unknown
  error: StepError | null
  delivered: boolean
}

/** The commands among `ids` that reached a terminal status. */
export async function loadFinishedCommands(db: Db, ids: readonly string[]): Promise<FinishedCommand[]> {
  if (ids.length === 0) return []
  const found = await rows<{
    id: string
    device_id: string
    status: FinishedCommand['status']
    output: unknown
    error: StepError | null
    delivered: boolean
  }>(
    db,
    sql`SELECT id, device_id, status, output, error, delivered_at IS NOT NULL AS delivered FROM device_commands
        WHERE id IN ${textList(ids)} AND status IN ('succeeded', 'failed', 'cancelled')`,
  )
  return found.map((r) => ({
    id: r.id,
    deviceId: r.device_id,
    status: r.status,
    output: r.output,
    error: r.error,
    delivered: r.delivered,
  }))
}
