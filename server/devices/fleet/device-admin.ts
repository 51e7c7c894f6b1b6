// Operator actions on the registry (used by the `devices` API): create a device with a token shown
// once, revoke (its gateway disconnects it at once), drain and undrain, list and inspect.
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { WorkflowError } from '@/server/engine/errors'
import { rows } from '@/server/platform/sql-helpers'
import { notifyExpression } from '@/server/platform/notify-bus'
import { generateDeviceId, generateDeviceToken, hashDeviceToken, tokenDisplayPrefix } from '../device-tokens'

export interface CreatedDevice {
  deviceId: string
  name: string
  token: string
}

export async function createDeviceToken(
  db: Db,
  input: { name: string; tags: string[] },
): Promise<CreatedDevice> {
  const token = generateDeviceToken()
  const deviceId = generateDeviceId()
  await db.execute(sql`INSERT INTO devices (id, name, token_hash, token_prefix, tags)
      VALUES (${deviceId}, ${input.name}, ${hashDeviceToken(token)}, ${tokenDisplayPrefix(token)}, ${JSON.stringify(input.tags)}::jsonb)`)
  return { deviceId, name: input.name, token }
}

/** The exact command line an operator copies to start the agent for a new token. */
export function agentCommandLine(input: {
  serverUrl: string
  token: string
  name: string
  tags: string[]
}): string {
  const quote = (value: string) =>
    /^[A-Za-z0-9_./:,@=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`
  const parts = [
    'npx',
    'relayflow-agent',
    '--server',
    quote(input.serverUrl),
    '--token',
    quote(input.token),
    '--name',
    quote(input.name),
  ]
  if (input.tags.length > 0) parts.push('--tags', quote(input.tags.join(',')))
  return parts.join(' ')
}

export async function revokeDevice(db: Db, deviceId: string): Promise<void> {
  const revoked = await rows<{ id: string }>(
    db,
    sql`WITH revoked AS (
          UPDATE devices SET revoked_at = COALESCE(revoked_at, now()), status = 'offline', connection_id = NULL, updated_at = now()
          WHERE id = ${deviceId} RETURNING id
        )
        SELECT id, ${notifyExpression('deviceRegistry', { event: 'revoked', deviceId })} FROM revoked`,
  )
  if (revoked.length === 0) throw new WorkflowError('not_found', `No device ${deviceId}.`)
}

/** Draining: running commands finish, no new ones are assigned. */
export async function setDraining(db: Db, deviceId: string, draining: boolean): Promise<void> {
  const updated = await rows<{ id: string }>(
    db,
    sql`WITH updated AS (
          UPDATE devices SET draining = ${draining}, updated_at = now(),
            status = CASE WHEN status = 'offline' THEN 'offline' WHEN ${draining} THEN 'draining' ELSE 'online' END
          WHERE id = ${deviceId} AND revoked_at IS NULL RETURNING id
        )
        SELECT id, ${notifyExpression('deviceRegistry', { event: draining ? 'drain' : 'undrain', deviceId })} FROM updated`,
  )
  if (updated.length === 0) throw new WorkflowError('not_found', `No active device ${deviceId}.`)
}
