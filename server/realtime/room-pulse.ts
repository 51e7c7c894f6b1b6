// Keeps the `fleet` and `monitoring` rooms current without every browser polling: while a room has
// members on this node, one cheap fingerprint query per room and tick tells whether what the page
// shows has changed, and only then do its members hear `room.changed` and refetch. The cost is one
// query per node and tick, whatever the number of open pages.
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '@/db/client'
import type { Logger } from '@/server/platform/logger'
import { rows } from '@/server/platform/sql-helpers'
import type { PulseRoom } from '@/contracts/live-contract'

const FINGERPRINTS: Record<PulseRoom, SQL> = {
  // Status, load, draining, tags and actions of every device: the fleet page's table and
  // utilization, and the editor's placement warnings.
  fleet: sql`SELECT md5(coalesce(string_agg(id || ':' || status || ':' || load || ':' || draining || ':' || (revoked_at IS NULL)
      || ':' || tags::text || ':' || capabilities::text, ',' ORDER BY id), '')) AS f FROM devices`,
  // Any committed run event (runs starting and ending, steps finishing: latency, failure rate),
  // samples (queue depth series) and alerts. max(id) reads the primary key's last entry.
  monitoring: sql`SELECT concat_ws('|',
      (SELECT max(id) FROM execution_events),
      (SELECT max(sampled_at) FROM monitoring_samples),
      (SELECT max(created_at) FROM alert_events),
      (SELECT max(updated_at) FROM alert_rules)) AS f`,
}

export const PULSE_MS = 1000

const NO_MEMBERS: ReadonlySet<string> = new Set()

/**
 * Who must hear `room.changed` after this tick: everyone when the fingerprint moved, else only
 * the members that joined since the last tick. A page fetches its data around the time it joins,
 * and the first fingerprint this node reads for it may already include a change that page missed;
 * telling every newcomer once, after a read that follows its join, closes that gap.
 */
export function pulseAudience(
  before: string | undefined,
  fingerprint: string,
  seen: ReadonlySet<string>,
  members: ReadonlySet<string>,
): 'room' | string[] {
  if (before !== undefined && before !== fingerprint) return 'room'
  return [...members].filter((id) => !seen.has(id))
}

export function startRoomPulse(options: {
  db: Db
  logger: Logger
  /** Ids of this node's sockets in the room. */
  members: (room: PulseRoom) => ReadonlySet<string>
  /** Tells the whole room, or only the listed sockets, that its data changed. */
  changed: (room: PulseRoom, only?: string[]) => void
  intervalMs?: number
}): { stop: () => void } {
  const log = options.logger.child({ component: 'room-pulse' })
  const last = new Map<PulseRoom, string>()
  const seen = new Map<PulseRoom, ReadonlySet<string>>()
  let running = false

  async function tick(): Promise<void> {
    for (const room of Object.keys(FINGERPRINTS) as PulseRoom[]) {
      // Copied before the read: whoever joins during it is told at the next tick.
      const members = new Set(options.members(room))
      if (members.size === 0) {
        last.delete(room)
        seen.delete(room)
        continue
      }
      const [row] = await rows<{ f: string | null }>(options.db, FINGERPRINTS[room])
      const fingerprint = row?.f ?? ''
      const audience = pulseAudience(last.get(room), fingerprint, seen.get(room) ?? NO_MEMBERS, members)
      last.set(room, fingerprint)
      seen.set(room, members)
      if (audience === 'room') options.changed(room)
      else if (audience.length > 0) options.changed(room, audience)
    }
  }

  const timer = setInterval(() => {
    if (running) return
    running = true
    tick()
      .catch((error: unknown) => log.warn({ err: error }, 'room pulse failed; trying again next tick'))
      .finally(() => {
        running = false
      })
  }, options.intervalMs ?? PULSE_MS)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
