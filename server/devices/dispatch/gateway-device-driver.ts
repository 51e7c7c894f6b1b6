// The runner's DeviceDriver over Postgres: a dispatch becomes a device_commands row assigned to one
// device (or one per device for strategy `all`); whichever gateway holds that device's socket
// delivers it, and the result comes back through the row plus a NOTIFY. Runner and gateway may be
// different processes. A dispatch whose devices are all busy waits in a FIFO queue and is woken by
// the commit that frees a slot (the bus's deviceSlots channel); one with no capable device online waits for
// the registry to change, up to its placement timeout. Slow polling only covers missed notifications.
// This file composes the systems (placement, dispatch, subscriptions) over one resources object.
import type postgres from 'postgres'
import type { Db } from '@/db/client'
import type { Logger } from '@/server/platform/logger'
import type { Listening } from '@/server/platform/notify-bus'
import { dispatchCommand } from './command-dispatch'
import { awaitDevices } from './command-placement'
import type { DeviceDriver } from '@/server/runner/ports'
import { createDriverResources, type FlaggedDeviceSource } from './driver-resources'
import { listenForDriver, startDriverPolls } from './driver-subscriptions'

export interface GatewayDeviceDriverOptions {
  db: Db
  /** postgres.js client for LISTEN. */
  sql: postgres.Sql
  logger: Logger
  /** Slow fallback: re-read pending results and let queued dispatches retry, when a notification is missed. */
  pollMs?: number
  /** How often the registry copy used by matchDevices is refreshed (also on every registry NOTIFY). */
  snapshotMs?: number
  random?: () => number
  /** Devices monitoring flags, for least-loaded routing to avoid; absent: none are avoided. */
  flaggedDevices?: FlaggedDeviceSource
}

export interface GatewayDeviceDriver extends DeviceDriver {
  /** Loads the registry and subscribes; call before the runner starts. */
  start(): Promise<void>
  /** Re-reads the registry now (it also does on every registry NOTIFY and every second). */
  refresh(): Promise<void>
  /** Dispatches of this process waiting for a device (a free slot, or a capable device online), between tries. */
  waitingDispatches(): number
  stop(): Promise<void>
}

export function createGatewayDeviceDriver(options: GatewayDeviceDriverOptions): GatewayDeviceDriver {
  const resources = createDriverResources(options)
  const timers: NodeJS.Timeout[] = []
  const subscriptions: Listening[] = []
  return {
    matchDevices: (target, action) => resources.snapshot.match(target, action),
    awaitDevices: (search) => awaitDevices(resources, search),
    dispatch: (request) => dispatchCommand(resources, request),
    waitingDispatches: () => resources.slots.waitingCount,
    refresh: () => resources.fleet.refreshNow(),
    async start() {
      await resources.snapshot.refresh()
      resources.flagged?.peek() // the first load, in the background
      subscriptions.push(...(await listenForDriver(resources, options.sql)))
      timers.push(...startDriverPolls(resources, options.snapshotMs ?? 1000))
    },
    async stop() {
      for (const timer of timers) clearInterval(timer)
      await Promise.all(subscriptions.map((subscription) => subscription.stop()))
      await resources.fleet.settled()
    },
  }
}
