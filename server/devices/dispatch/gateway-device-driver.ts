// The runner's DeviceDriver over Postgres: a dispatch becomes a device_commands row assigned to one
// device (or one per device for strategy `all`); whichever gateway holds that device's socket
// delivers it, and the result comes back through the row plus a NOTIFY. Runner and gateway may be
// different processes. A dispatch whose devices are all busy waits in a FIFO queue and is woken by
// the commit that frees a slot (the bus's deviceSlots channel); one with no capable device online waits for
// the registry to change, up to its placement timeout. Slow polling only covers missed notifications.
import type postgres from 'postgres'
import type { Db } from '@/db/client'
import { targetStrategy, type TDeviceTarget } from '@/server/engine/device-target'
import type { StepError } from '@/server/engine/run/run-status'
import type { Logger } from '@/server/platform/logger'
import { createFlaggedDevices, type FlaggedDevices } from '@/server/metrics/flagged-devices'
import {
  assignCommand,
  parseResultPayload,
  type Assignment,
  type FinishedCommand,
} from './command-assignment'
import { CommandResults } from './command-results'
import {
  abortedError,
  type DeviceDriver,
  type DeviceInfo,
  type DeviceSearch,
  type DispatchRequest,
  type DispatchResult,
} from '../device-driver'
import { channelName, readMessage } from '@/server/platform/notify-bus'
import { rankDevices } from './device-routing'
import { DeviceSnapshot } from './device-snapshot'
import { FleetWatch } from './fleet-watch'
import { PlacementWait } from './placement-wait'
import { SlotQueue, type SlotWaiter } from './slot-queue'

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
  /**
   * Devices least-loaded routing de-prioritises; by default anomaly detection over this database,
   * re-read every 30 s in the background. `false` turns it off.
   */
  flaggedDevices?: Pick<FlaggedDevices, 'peek'> | false
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

type Placed = { ok: true; kind: 'assigned' | 'existing'; deviceId: string } | { ok: false; error: StepError }

export function createGatewayDeviceDriver(options: GatewayDeviceDriverOptions): GatewayDeviceDriver {
  const { db, logger } = options
  const log = logger.child({ component: 'device-driver' })
  const pollMs = options.pollMs ?? 2000
  const random = options.random ?? Math.random
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
  const results = new CommandResults(db, log)
  const fleet = new FleetWatch(snapshot, log)
  const slots = new SlotQueue({ freeSlots: (id) => snapshot.freeSlots(id) })
  const timers: NodeJS.Timeout[] = []
  const unlisteners: (() => Promise<void>)[] = []

  /** A registry change (a device connected, drained, revoked): the fleet copy first, then every queue head retries. */
  const onRegistryChange = () => void fleet.refresh().then(() => slots.wakeHeads())

  /** Tries the candidates no earlier waiter is owed, in strategy order, until one takes the command. */
  async function assign(
    request: DispatchRequest,
    waiter: SlotWaiter,
  ): Promise<Assignment | { kind: 'none' | 'busy' }> {
    const candidates = snapshot.routable(request.target, request.action)
    if (candidates.length === 0) return { kind: 'none' }
    const strategy = targetStrategy(request.target)
    const flaggedNow = flagged?.peek()
    const isFlagged = flaggedNow?.size ? (id: string) => flaggedNow.has(id) : undefined
    const ranked = rankDevices(candidates, strategy === 'all' ? 'least-loaded' : strategy, random, isFlagged)
    const owed = ranked.filter((device) => !slots.isReserved(device.id, waiter))
    let full = owed.length < ranked.length
    for (const device of owed) {
      const command = {
        id: request.commandId,
        action: request.action,
        params: request.params,
        timeoutMs: request.timeoutMs,
      }
      const assignment = await assignCommand(db, command, device.id)
      if (assignment.kind === 'assigned') snapshot.noteAssigned(assignment.deviceId)
      if (assignment.kind === 'assigned' || assignment.kind === 'existing') return assignment
      if (assignment.kind === 'full') {
        full = true
        snapshot.noteFull(device.id)
      } else snapshot.noteUnavailable(device.id)
    }
    if (!full) void fleet.refresh()
    return full ? { kind: 'busy' } : { kind: 'none' }
  }

  /** Gets the command a device slot: queued in arrival order while the capable devices are busy. */
  async function place(request: DispatchRequest): Promise<Placed> {
    const wait = new PlacementWait(request, () => snapshot.fleet())
    const waiter = slots.join(queueKey(request.target, request.action), (id) =>
      snapshot.canRun(id, request.target, request.action),
    )
    let tookSlot = false
    try {
      for (;;) {
        if (request.signal.aborted) return { ok: false, error: abortedError(request.signal) }
        const attempt = await assign(request, waiter)
        if (attempt.kind === 'assigned' || attempt.kind === 'existing') {
          tookSlot = attempt.kind === 'assigned'
          return { ok: true, kind: attempt.kind, deviceId: attempt.deviceId }
        }
        if (attempt.kind === 'busy') {
          wait.slotsFull()
          await waiter.wait(request.signal, pollMs)
          continue
        }
        const now = Date.now()
        const deadline = wait.noDevice(now)
        if (deadline === 'expired') return { ok: false, error: wait.error() }
        await fleet.waitForChange(request.signal, Math.min(deadline - now, pollMs))
      }
    } finally {
      wait.stop()
      slots.leave(waiter, { tookSlot })
    }
  }

  async function dispatchOne(request: DispatchRequest): Promise<DispatchResult> {
    for (;;) {
      const placed = await place(request)
      if (!placed.ok) return placed
      const finished = await results.await(request.commandId, request.signal, placed.kind === 'existing')
      if (!finished) return { ok: false, error: abortedError(request.signal), deviceId: placed.deviceId }
      // Lost before it was delivered: nothing ran, so route it again rather than fail the attempt.
      if (finished.status === 'failed' && !finished.delivered && finished.error?.code === 'device_lost')
        continue
      return toDispatchResult(finished)
    }
  }

  /** The matching devices once at least one is online, or [] after the placement timeout. */
  async function awaitDevices(search: DeviceSearch): Promise<DeviceInfo[]> {
    const wait = new PlacementWait(search, () => snapshot.fleet())
    try {
      for (;;) {
        const devices = snapshot.match(search.target, search.action)
        if (devices.length > 0 || search.signal.aborted) return devices
        const now = Date.now()
        const deadline = wait.noDevice(now)
        if (deadline === 'expired') return []
        await fleet.waitForChange(search.signal, Math.min(deadline - now, pollMs))
      }
    } finally {
      wait.stop()
    }
  }

  /** Strategy `all`: the command runs once on every matching device; the output maps device id to output. */
  async function dispatchAll(request: DispatchRequest): Promise<DispatchResult> {
    const devices = await awaitDevices(request)
    if (request.signal.aborted) return { ok: false, error: abortedError(request.signal) }
    if (devices.length === 0)
      return { ok: false, error: new PlacementWait(request, () => snapshot.fleet()).error() }
    const outcomes = await Promise.all(
      devices.map((device) =>
        dispatchOne({
          ...request,
          commandId: `${request.commandId}@${device.id}`,
          target: { deviceId: device.id },
        }),
      ),
    )
    const failed = outcomes.find((r) => !r.ok)
    if (failed) return failed
    const outputs: Record<string, unknown> = {}
    for (const r of outcomes) if (r.ok) outputs[r.deviceId] = r.output
    return { ok: true, output: { devices: outputs }, deviceId: 'all' }
  }

  async function listen(channel: string, onNotify: (payload: string) => void, onRelisten: () => void) {
    try {
      let first = true
      // postgres.js calls the second callback on every (re)connect: after a reconnect, catch up at once.
      const meta = await options.sql.listen(channel, onNotify, () => {
        if (!first) onRelisten()
        first = false
      })
      unlisteners.push(() => meta.unlisten())
    } catch (error) {
      log.warn({ err: error, channel }, 'LISTEN failed; relying on polling')
    }
  }

  const catchUp = () => {
    results.fetchAll()
    onRegistryChange()
  }

  return {
    matchDevices: (target, action) => snapshot.match(target, action),
    awaitDevices,
    dispatch(request) {
      const target = request.target
      const isAll = target !== undefined && 'selector' in target && target.strategy === 'all'
      return isAll ? dispatchAll(request) : dispatchOne(request)
    },
    waitingDispatches: () => slots.waitingCount,
    refresh: () => fleet.refreshNow(),
    async start() {
      await snapshot.refresh()
      flagged?.peek() // the first load, in the background
      await listen(
        channelName('deviceResults'),
        (payload) => {
          const finished = parseResultPayload(payload)
          if (typeof finished === 'string') results.fetch([finished])
          else results.deliver(finished)
        },
        catchUp,
      )
      await listen(
        channelName('deviceSlots'),
        (payload) => {
          const freed = readMessage('deviceSlots', payload)
          if (!freed) return
          snapshot.noteReleased(freed.deviceId, freed.load)
          slots.slotFreed(freed.deviceId)
        },
        catchUp,
      )
      await listen(channelName('deviceRegistry'), onRegistryChange, catchUp)
      timers.push(
        setInterval(() => {
          results.fetchAll()
          slots.wakeHeads()
        }, pollMs),
        setInterval(() => void fleet.refresh(), options.snapshotMs ?? 1000),
      )
    },
    async stop() {
      for (const timer of timers) clearInterval(timer)
      await Promise.all(unlisteners.map((unlisten) => unlisten().catch(() => {})))
      await fleet.settled()
    },
  }
}

/** Dispatches with the same action and target can use the same devices: one queue group. */
function queueKey(target: TDeviceTarget | undefined, action: string): string {
  return `${action}\u0000${JSON.stringify(target ?? null)}`
}

function toDispatchResult(command: FinishedCommand): DispatchResult {
  if (command.status === 'succeeded')
    return { ok: true, output: command.output ?? null, deviceId: command.deviceId }
  const error: StepError = command.error ?? {
    code: command.status === 'cancelled' ? 'cancelled' : 'device_error',
    message: `The command ended as ${command.status} on device ${command.deviceId}.`,
    retryable: command.status !== 'cancelled',
  }
  return { ok: false, error, deviceId: command.deviceId }
}
