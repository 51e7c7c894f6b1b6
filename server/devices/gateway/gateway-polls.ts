// The gateway's timers: a poll for commands and cancels a missed notification left waiting, and
// the sweep for silent devices and lost commands. Each runs at most once at a time.
import { sql } from 'drizzle-orm'
import type { Logger } from '@/server/platform/logger'
import { rows, textList } from '@/server/platform/sql-helpers'
import { scheduleSync } from './gateway-delivery'
import type { GatewayResources } from './gateway-resources'
import { sweepDevices, type SweepOptions } from './gateway-sweep'

/** Fallback for missed notifications: devices held here with queued commands or unsent cancels. */
export async function pollHeldDevices(resources: GatewayResources): Promise<void> {
  const { db, held } = resources
  if (held.size === 0) return
  const due = await rows<{ device_id: string; cancels: boolean }>(
    db,
    sql`SELECT device_id, bool_or(cancel_requested_at IS NOT NULL AND cancel_sent_at IS NULL) AS cancels
        FROM device_commands
        WHERE device_id IN ${textList([...held.keys()])}
          AND (status = 'queued' OR (cancel_requested_at IS NOT NULL AND cancel_sent_at IS NULL AND status IN ('delivered', 'acked', 'running')))
        GROUP BY device_id`,
  )
  for (const d of due) scheduleSync(resources, d.device_id, { cancels: d.cancels })
}

export async function sweepAndReport(resources: GatewayResources, options: SweepOptions): Promise<void> {
  const swept = await sweepDevices(resources.db, options)
  if (swept.offline || swept.lost)
    resources.log.warn(swept, 'marked silent devices offline / failed lost commands')
}

/** Runs `task` every `ms`, skipping a tick while the previous run is still going. */
export function every(log: Logger, ms: number, what: string, task: () => Promise<unknown>): NodeJS.Timeout {
  let running = false
  return setInterval(() => {
    if (running) return
    running = true
    task()
      .catch((error: unknown) => log.warn({ err: error }, `${what} failed; retrying`))
      .finally(() => (running = false))
  }, ms)
}
