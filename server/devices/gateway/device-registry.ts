// The gateway's writes to the device registry: authenticate a token, open and close a connection
// (with history), heartbeats, and reconciling in-flight commands with what a reconnecting agent reports.
import { sql } from 'drizzle-orm'
import { scrubFinishedCommands } from '@/server/secrets/command-secret-scrub'
import type { Db } from '@/db/client'
import { rows, textList, type Tx } from '@/server/platform/sql-helpers'
import { notify, notifyExpression, notifySql } from '@/server/platform/notify-bus'
import { finishedCommandPayloadSql } from '@/server/platform/notify-channels'
import { IN_FLIGHT } from '../command-slots'
import { hashDeviceToken } from '../device-tokens'
import type { ZHello } from '@/contracts/device-protocol'
import type { z } from 'zod'

type Hello = z.output<typeof ZHello>

/** The disconnect reason the sweep records for a device silent past the offline threshold. */
export const SILENT_REASON = 'heartbeat timeout'

export async function findDeviceByToken(
  db: Db,
  token: string,
): Promise<{ id: string; name: string } | undefined> {
  const [device] = await rows<{ id: string; name: string }>(
    db,
    sql`SELECT id, name FROM devices WHERE token_hash = ${hashDeviceToken(token)} AND revoked_at IS NULL`,
  )
  return device
}

export interface OpenedConnection {
  name: string
  draining: boolean
  /** Commands the agent no longer knows: failed as device_lost. Delivered-but-unacked ones are queued again. */
  lost: string[]
}

interface HelloInput {
  deviceId: string
  connectionId: string
  gatewayId: string
  remoteAddress: string | null
  hello: Hello
}

/** Records the hello: the device's self-description, a connection row, status online (or draining). */
export async function openConnection(db: Db, input: HelloInput): Promise<OpenedConnection | undefined> {
  return db.transaction(async (tx) => {
    const device = await describeDevice(tx, input)
    if (!device) return undefined
    await tx.execute(sql`UPDATE device_connections SET disconnected_at = now(), disconnect_reason = 'replaced'
        WHERE device_id = ${input.deviceId} AND disconnected_at IS NULL`)
    await tx.execute(sql`INSERT INTO device_connections (id, device_id, gateway_id, remote_address, agent_version)
        VALUES (${input.connectionId}, ${input.deviceId}, ${input.gatewayId}, ${input.remoteAddress}, ${input.hello.agentVersion})`)
    const lost = await reconcileCommands(tx, input.deviceId, input.hello)
    await notify(tx, 'deviceRegistry', { event: 'changed', deviceId: input.deviceId })
    await notify(tx, 'deviceCommands', { deviceId: input.deviceId, cancel: false })
    return { name: device.name, draining: device.draining, lost }
  })
}

/** The device row takes the hello's self-description and this connection; undefined when revoked. */
async function describeDevice(tx: Tx, input: HelloInput): Promise<{ name: string; draining: boolean } | undefined> {
  const { hello } = input
  const [device] = await rows<{ name: string; draining: boolean }>(
    tx,
    sql`UPDATE devices SET
          name = COALESCE(${hello.name ?? null}, name),
          tags = ${JSON.stringify(hello.tags)}::jsonb,
          actions = ${JSON.stringify(hello.actions)}::jsonb,
          capabilities = ${JSON.stringify(hello.actions.map((a) => a.name))}::jsonb,
          max_concurrency = ${hello.maxConcurrency},
          agent_version = ${hello.agentVersion},
          host = ${hello.host ? JSON.stringify(hello.host) : null}::jsonb,
          connection_id = ${input.connectionId},
          gateway_id = ${input.gatewayId},
          status = CASE WHEN draining THEN 'draining' ELSE 'online' END,
          last_seen_at = now(),
          updated_at = now()
        WHERE id = ${input.deviceId} AND revoked_at IS NULL
        RETURNING name, draining`,
  )
  return device
}

/**
 * Brings the device's in-flight commands in line with what the agent reports: delivered ones it
 * never got are queued again, ones it runs are running, and ones it no longer knows fail as
 * device_lost (returned). The slot count is then recomputed from the commands themselves.
 */
async function reconcileCommands(tx: Tx, deviceId: string, hello: Hello): Promise<string[]> {
  const known = [...hello.running, ...hello.finished]
  await tx.execute(sql`UPDATE device_commands SET status = 'queued', delivered_at = NULL, gateway_id = NULL
      WHERE device_id = ${deviceId} AND status = 'delivered' AND id NOT IN ${textList(known)}`)
  await tx.execute(sql`UPDATE device_commands SET status = 'running', started_at = COALESCE(started_at, now())
      WHERE device_id = ${deviceId} AND status IN ('queued', 'delivered', 'acked') AND id IN ${textList(hello.running)}`)
  const lost = await rows<{ id: string }>(
    tx,
    sql`WITH lost AS (
          UPDATE device_commands SET status = 'failed', finished_at = now(), error = ${JSON.stringify({
            code: 'device_lost',
            message: 'The device reconnected without this command (the agent restarted while it ran).',
            retryable: true,
          })}::jsonb
          WHERE device_id = ${deviceId} AND status IN ('acked', 'running') AND id NOT IN ${textList(known)}
          RETURNING *
        )
        SELECT id, ${notifySql('deviceResults', finishedCommandPayloadSql('lost'))} FROM lost`,
  )
  await scrubFinishedCommands(tx, lost.map((c) => c.id))
  await tx.execute(sql`UPDATE devices SET load = (SELECT count(*) FROM device_commands
      WHERE device_id = ${deviceId} AND status IN ${IN_FLIGHT}) WHERE id = ${deviceId}`)
  return lost.map((l) => l.id)
}

/**
 * Returns whether the device is draining, or undefined when this connection no longer holds the device.
 * The agent's reported load is informational: `load` counts the commands the server has in flight on it.
 */
export async function recordHeartbeat(
  db: Db,
  deviceId: string,
  connectionId: string,
): Promise<{ draining: boolean; resumed: boolean } | undefined> {
  const [device] = await rows<{ draining: boolean }>(
    db,
    sql`UPDATE devices SET last_seen_at = now(),
          status = CASE WHEN draining THEN 'draining' WHEN load >= max_concurrency THEN 'busy' ELSE 'online' END
        WHERE id = ${deviceId} AND connection_id = ${connectionId} AND revoked_at IS NULL
        RETURNING draining`,
  )
  if (device) return { draining: device.draining, resumed: false }
  const resumed = await resumeSilentConnection(db, deviceId, connectionId)
  return resumed && { draining: resumed.draining, resumed: true }
}

/**
 * A connection the sweep closed for silence (heartbeats paused: a stopped process, a sleeping
 * laptop) that heartbeats again holds the device again, online, unless a newer connection said
 * hello since or the device was revoked. Commands still in flight carry on; ones that outlived
 * the lost grace have already failed as device_lost.
 */
async function resumeSilentConnection(
  db: Db,
  deviceId: string,
  connectionId: string,
): Promise<{ draining: boolean } | undefined> {
  const [device] = await rows<{ draining: boolean }>(
    db,
    sql`WITH resumable AS (
          SELECT c.id FROM device_connections c
          WHERE c.id = ${connectionId} AND c.device_id = ${deviceId} AND c.disconnect_reason = ${SILENT_REASON}
            AND NOT EXISTS (SELECT 1 FROM device_connections n WHERE n.device_id = c.device_id AND n.connected_at > c.connected_at)
        ), updated AS (
          UPDATE devices SET last_seen_at = now(), updated_at = now(), connection_id = ${connectionId},
            status = CASE WHEN draining THEN 'draining' WHEN load >= max_concurrency THEN 'busy' ELSE 'online' END
          WHERE id = ${deviceId} AND revoked_at IS NULL AND connection_id IS NULL AND EXISTS (SELECT 1 FROM resumable)
          RETURNING draining
        ), reopened AS (
          UPDATE device_connections SET disconnected_at = NULL, disconnect_reason = NULL
          WHERE id = ${connectionId} AND EXISTS (SELECT 1 FROM updated)
        )
        SELECT draining, ${notifyExpression('deviceRegistry', { event: 'changed', deviceId })} FROM updated`,
  )
  return device
}

/** Marks the device offline, unless another connection has taken it over meanwhile. */
export async function closeConnection(
  db: Db,
  deviceId: string,
  connectionId: string,
  reason: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    // The device row first, then its connections: the order openConnection takes them in, so a
    // hello racing this close waits instead of deadlocking.
    const closed = await rows<{ id: string }>(
      tx,
      sql`UPDATE devices SET status = 'offline', connection_id = NULL, last_seen_at = now(), updated_at = now()
          WHERE id = ${deviceId} AND connection_id = ${connectionId} RETURNING id`,
    )
    await tx.execute(sql`UPDATE device_connections SET disconnected_at = now(), disconnect_reason = ${reason.slice(0, 200)}
        WHERE id = ${connectionId} AND disconnected_at IS NULL`)
    if (closed.length > 0)
      await tx.execute(
        sql`SELECT ${notifyExpression('deviceRegistry', { event: 'changed', deviceId })}`,
      )
  })
}

/** Whether this connection still holds the device (a revoke or a newer connection ends it). */
export async function holdsDevice(db: Db, deviceId: string, connectionId: string): Promise<boolean> {
  const found = await rows<{ id: string }>(
    db,
    sql`SELECT id FROM devices WHERE id = ${deviceId} AND connection_id = ${connectionId} AND revoked_at IS NULL`,
  )
  return found.length > 0
}
