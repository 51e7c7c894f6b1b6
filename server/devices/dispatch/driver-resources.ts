// What the gateway device driver's systems share: the database and logger, the fallback poll
// interval, the registry copy and its watcher, the slot queue, pending results and flagged devices.
import type { Db } from '@/db/client'
import type { Logger } from '@/server/platform/logger'
import { CommandResults } from './command-results'
import { DeviceSnapshot } from './device-snapshot'
import { FleetWatch } from './fleet-watch'
import { SlotQueue } from './slot-queue'

/**
 * Devices that anomaly detection flags, for routing to avoid: read without waiting on every
 * dispatch. Monitoring (server/metrics/flagged-devices.ts) provides it; the composition root
 * hands it in, so dispatch never imports monitoring.
 */
export type FlaggedDeviceSource = { peek(): ReadonlyMap<string, string> }

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
  flagged: FlaggedDeviceSource | undefined
}

export function createDriverResources(options: {
  db: Db
  logger: Logger
  pollMs?: number
  random?: () => number
  /** Absent: route without flags. */
  flaggedDevices?: FlaggedDeviceSource
}): DriverResources {
  const { db } = options
  const log = options.logger.child({ component: 'device-driver' })
  const snapshot = new DeviceSnapshot(db)
  const flagged = options.flaggedDevices
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
