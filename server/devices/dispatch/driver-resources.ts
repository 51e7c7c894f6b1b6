// What the gateway device driver's systems share: the database and logger, the fallback poll
// interval, the registry copy and its watcher, the slot queue, pending results and flagged devices.
import type { Db } from '@/db/client'
import type { Logger } from '@/server/platform/logger'
import { createFlaggedDevices, type FlaggedDevices } from '@/server/metrics/flagged-devices'
import { CommandResults } from './command-results'
import { DeviceSnapshot } from './device-snapshot'
import { FleetWatch } from './fleet-watch'
import { SlotQueue } from './slot-queue'

export interface DriverResources {
  db: Db
  log: Logger
  /** Slow fallback between tries when a notification is missed. */
  pollMs: number
  random: () => number
  snapshot: DeviceSnapshot
  fleet: FleetWatch
  slots: SlotQueue
  results: CommandResults
  flagged: Pick<FlaggedDevices, 'peek'> | undefined
}

export function createDriverResources(options: {
  db: Db
  logger: Logger
  pollMs?: number
  random?: () => number
  flaggedDevices?: Pick<FlaggedDevices, 'peek'> | false
}): DriverResources {
  const { db } = options
  const log = options.logger.child({ component: 'device-driver' })
  const snapshot = new DeviceSnapshot(db)
  const flagged =
    options.flaggedDevices === false
      ? undefined
      : (options.flaggedDevices ??
        createFlaggedDevices({
          db,
          clock: { now: () => new Date() },
          onError: (error) =>
            log.warn({ err: error }, 'reading flagged devices failed; routing without them'),
        }))
  return {
    db,
    log,
    pollMs: options.pollMs ?? 2000,
    random: options.random ?? Math.random,
    snapshot,
    fleet: new FleetWatch(snapshot, log),
    slots: new SlotQueue({ freeSlots: (id) => snapshot.freeSlots(id) }),
    results: new CommandResults(db, log),
    flagged,
  }
}
