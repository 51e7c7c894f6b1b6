// Keeps the registry honest whatever died: devices silent past the offline threshold go offline;
// commands in flight on devices revoked, or offline longer than the grace period (counted from the
// moment they went offline, by disconnect or by silence), fail with the retryable `device_lost`;
// cancels the agent never answered end as cancelled. Idempotent SQL, so every gateway may run it.
import { sql } from 'drizzle-orm'
import { scrubFinishedCommands } from '@/server/secrets/command-secret-scrub'
import { forgetSpentGrants } from '@/server/secrets/secret-grants'
import type { Db } from '@/db/client'
import { rows } from '@/server/platform/sql-helpers'
import { notifySql } from '@/server/platform/notify-bus'
import { finishedCommandPayloadSql, registryPayloadSql } from '@/server/platform/notify-channels'
import { releaseSlots } from '../command-slots'
import { SILENT_REASON } from './device-registry'

export interface SweepOptions {
  /** A device whose last heartbeat is older than this is offline. */
  offlineAfterMs: number
  /** How long an offline device's in-flight commands wait for it to come back before device_lost, from when it went offline. */
  lostGraceMs: number
  /** How long a sent cancel may go unanswered before the command is recorded as cancelled. */
  cancelGraceMs: number
}

export async function sweepDevices(
  db: Db,
  options: SweepOptions,
): Promise<{ offline: number; lost: number }> {
  const offline = await rows<{ id: string }>(
    db,
    sql`WITH silent AS (
          UPDATE devices SET status = 'offline', connection_id = NULL, updated_at = now()
          WHERE status <> 'offline' AND last_seen_at < now() - make_interval(secs => ${options.offlineAfterMs / 1000})
          RETURNING id
        ), closed AS (
          UPDATE device_connections SET disconnected_at = now(), disconnect_reason = ${SILENT_REASON}
          WHERE disconnected_at IS NULL AND device_id IN (SELECT id FROM silent)
        )
        SELECT id, ${notifySql('deviceRegistry', registryPayloadSql('changed', sql`id`))} FROM silent`,
  )
  const lost = await rows<{ id: string }>(
    db,
    sql`WITH lost AS (
          UPDATE device_commands c SET status = 'failed', finished_at = now(),
            error = jsonb_build_object(
              'code', 'device_lost',
              'message', CASE WHEN d.revoked_at IS NOT NULL
                THEN 'The device was revoked while the command was in flight.'
                ELSE 'The device went offline while the command was in flight and did not come back in time.' END,
              'retryable', true)
          FROM devices d
          WHERE c.device_id = d.id AND c.status IN ('queued', 'delivered', 'acked', 'running')
            AND (d.revoked_at IS NOT NULL OR (d.status = 'offline'
                 AND GREATEST(COALESCE(d.last_seen_at, d.created_at),
                       (SELECT max(x.disconnected_at) FROM device_connections x WHERE x.device_id = d.id))
                     < now() - make_interval(secs => ${options.lostGraceMs / 1000})))
          RETURNING c.*
        ), released AS (${releaseSlots('lost')})
        SELECT id, ${notifySql('deviceResults', finishedCommandPayloadSql('lost'))} FROM lost`,
  )
  const givenUp = await rows<{ id: string }>(
    db,
    sql`
    WITH given_up AS (
      UPDATE device_commands SET status = 'cancelled', finished_at = now(), error = ${JSON.stringify({
        code: 'cancelled',
        message: 'The command was cancelled; the device did not confirm in time.',
        retryable: false,
      })}::jsonb
      WHERE status IN ('delivered', 'acked', 'running') AND cancel_sent_at IS NOT NULL
        AND cancel_sent_at < now() - make_interval(secs => ${options.cancelGraceMs / 1000})
      RETURNING *
    ), released AS (${releaseSlots('given_up')})
    SELECT id, ${notifySql('deviceResults', finishedCommandPayloadSql('given_up'))} FROM given_up`,
  )
  // Ended commands keep no rendered secret values (docs/security.md).
  await scrubFinishedCommands(db, [...lost, ...givenUp].map((c) => c.id))
  await forgetSpentGrants(db)
  return { offline: offline.length, lost: lost.length }
}
