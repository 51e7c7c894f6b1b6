// A device's `load` column counts its commands in flight (queued, delivered, acked, running). It is
// raised by the single statement that assigns a command (only while below max_concurrency) and
// lowered by every statement that moves commands out of flight, so max concurrency holds across
// any number of runners without locking more than the one device row. Lowering it also announces
// the freed slots (the bus's deviceSlots channel, delivered on commit) to every process with a waiting step.
import { sql, type SQL } from 'drizzle-orm'
import { notifySql } from '@/server/platform/notify-bus'
import { slotsPayloadSql } from '@/server/platform/notify-channels'

/** Announces each updated device row's (`d`) new load. */
const NOTIFY_FREED_SLOTS = notifySql('deviceSlots', slotsPayloadSql(sql`d.load`, sql`d.id`))

export const IN_FLIGHT = sql.raw(`('queued', 'delivered', 'acked', 'running')`)

/**
 * A CTE body that frees the slots of the commands in CTE `finished` (rows with `device_id`) and
 * notifies `<load>:<device id>` per device: use as `released AS (${releaseSlots('finished')})`.
 * (A data-modifying CTE runs to completion, RETURNING included, even when nothing reads it.)
 */
export function releaseSlots(finished: string): SQL {
  const source = sql.raw(finished)
  return sql`UPDATE devices d SET
      load = greatest(d.load - r.n, 0),
      last_seen_at = CASE WHEN d.status = 'offline' THEN d.last_seen_at ELSE now() END,
      status = CASE WHEN d.status = 'busy' AND d.load - r.n < d.max_concurrency THEN 'online' ELSE d.status END
    FROM (SELECT device_id, count(*)::int AS n FROM ${source} GROUP BY device_id) r
    WHERE d.id = r.device_id
    RETURNING d.id, ${NOTIFY_FREED_SLOTS}`
}

/**
 * Select this in a statement (autocommit) so its commit does not wait for the WAL flush: about one
 * disk sync saved per command. Only for writes that are safe to lose in a database crash: delivery
 * markers and assignments, which are redelivered or re-routed and deduplicated by command id.
 */
export const ASYNC_COMMIT = sql`set_config('synchronous_commit', 'off', true)`
