// The runner's DeviceDriver over Postgres: a dispatch becomes a device_commands row assigned to one
// device (or one per device for strategy `all`); whichever gateway holds that device's socket
// delivers it, and the result comes back through the row plus a NOTIFY. Runner and gateway may be
// different processes. Polling covers missed notifications. least-loaded routing puts devices
// flagged by anomaly detection last (the flagged set is cached and refreshed in the background).
import type postgres from 'postgres'
import type { Db } from '@/db/client'
import { targetStrategy } from '@/server/engine/device-target'
import type { StepError } from '@/server/engine/run/run-status'
import type { Logger } from '@/server/logger'
import { createFlaggedDevices, type FlaggedDevices } from '@/server/metrics/flagged-devices'
import {
  assignCommand,
  loadFinishedCommands,
  parseResultPayload,
  requestCancel,
  type Assignment,
  type FinishedCommand,
} from './command-assignment'
import { abortedError, type DeviceDriver, type DispatchRequest, type DispatchResult } from './device-driver'
import { DEVICE_REGISTRY_CHANNEL, DEVICE_RESULTS_CHANNEL } from './device-channels'
import { rankDevices } from './device-routing'
import { DeviceSnapshot } from './device-snapshot'

export interface GatewayDeviceDriverOptions {
  db: Db
  /** postgres.js client for LISTEN. */
  sql: postgres.Sql
  logger: Logger
  /** Fallback polling for results and free slots when a notification is missed. */
  pollMs?: number
  /** How often the registry copy used by matchDevices is refreshed (also on every registry NOTIFY). */
  snapshotMs?: number
  /** How long a command waits for a capable device when its step has no timeout. */
  noDeviceWaitMs?: number
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
  stop(): Promise<void>
}

export function createGatewayDeviceDriver(options: GatewayDeviceDriverOptions): GatewayDeviceDriver {
  const { db, logger } = options
  const log = logger.child({ component: 'device-driver' })
  const pollMs = options.pollMs ?? 500
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
  const pending = new Map<string, (command: FinishedCommand) => void>()
  const waiters = new Set<() => void>()
  const toFetch = new Set<string>()
  let fetching = false
  const timers: NodeJS.Timeout[] = []
  const unlisteners: (() => Promise<void>)[] = []

  const wakeWaiters = () => {
    for (const wake of [...waiters]) wake()
  }

  function fetchFinished(ids: Iterable<string>): void {
    for (const id of ids) if (pending.has(id)) toFetch.add(id)
    if (fetching || toFetch.size === 0) return
    fetching = true
    const batch = [...toFetch]
    toFetch.clear()
    loadFinishedCommands(db, batch)
      .then((finished) => {
        for (const command of finished) pending.get(command.id)?.(command)
      })
      .catch((error: unknown) => log.warn({ err: error }, 'reading command results failed; polling again'))
      .finally(() => {
        fetching = false
        if (toFetch.size > 0) fetchFinished([])
      })
  }

  let refreshing: Promise<void> | undefined
  let refreshAgain = false
  /** One refresh at a time; a request during a refresh runs another right after, so no change is missed. */
  const refreshSnapshot = (): Promise<void> => {
    if (refreshing) {
      refreshAgain = true
      return refreshing
    }
    refreshing = snapshot
      .refresh()
      .catch((error: unknown) => log.warn({ err: error }, 'refreshing the device registry failed'))
      .finally(() => {
        refreshing = undefined
        wakeWaiters()
        if (refreshAgain) {
          refreshAgain = false
          void refreshSnapshot()
        }
      })
    return refreshing
  }

  /** Resolves when a result, a registry change or the poll wakes it, after `ms`, or on abort. */
  function waitForChange(signal: AbortSignal, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        waiters.delete(done)
        signal.removeEventListener('abort', done)
        resolve()
      }
      const timer = setTimeout(done, Math.max(0, ms))
      waiters.add(done)
      signal.addEventListener('abort', done, { once: true })
    })
  }

  function awaitCommand(
    id: string,
    signal: AbortSignal,
    checkNow: boolean,
  ): Promise<FinishedCommand | undefined> {
    return new Promise((resolve) => {
      const onAbort = () => {
        pending.delete(id)
        requestCancel(db, id).catch((error: unknown) =>
          log.warn({ err: error, commandId: id }, 'cancel request failed'),
        )
        resolve(undefined)
      }
      pending.set(id, (command) => {
        signal.removeEventListener('abort', onAbort)
        pending.delete(id)
        snapshot.noteFinished(command.deviceId)
        resolve(command)
      })
      if (signal.aborted) return onAbort()
      signal.addEventListener('abort', onAbort, { once: true })
      if (checkNow) fetchFinished([id])
    })
  }

  function noDeviceWaitMs(timeoutMs: number | undefined): number {
    if (timeoutMs === undefined) return options.noDeviceWaitMs ?? 60_000
    // Ends a little before the step timeout, so the step fails with no_capable_device rather than timeout.
    return Math.max(0, timeoutMs - Math.min(1000, timeoutMs * 0.1))
  }

  /** Tries the ranked candidates in order until one takes the command. */
  async function assign(request: DispatchRequest): Promise<Assignment | { kind: 'busy' } | { kind: 'none' }> {
    const strategy = targetStrategy(request.target)
    const candidates = snapshot.routable(request.target, request.action)
    const flaggedNow = flagged?.peek()
    const isFlagged = flaggedNow?.size ? (id: string) => flaggedNow.has(id) : undefined
    const ranked = rankDevices(candidates, strategy === 'all' ? 'least-loaded' : strategy, random, isFlagged)
    let full = false
    for (const device of ranked) {
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
    if (ranked.length > 0 && !full) void refreshSnapshot()
    return full ? { kind: 'busy' } : { kind: 'none' }
  }

  async function dispatchOne(request: DispatchRequest): Promise<DispatchResult> {
    const waitUntil = Date.now() + noDeviceWaitMs(request.timeoutMs)
    for (;;) {
      if (request.signal.aborted) return { ok: false, error: abortedError(request.signal) }
      const assignment = await assign(request)
      if (assignment.kind === 'assigned' || assignment.kind === 'existing') {
        const finished = await awaitCommand(request.commandId, request.signal, assignment.kind === 'existing')
        if (!finished)
          return { ok: false, error: abortedError(request.signal), deviceId: assignment.deviceId }
        // Lost before it was delivered: nothing ran, so route it again rather than fail the attempt.
        if (finished.status === 'failed' && !finished.delivered && finished.error?.code === 'device_lost')
          continue
        return toDispatchResult(finished)
      }
      if (assignment.kind === 'none' && Date.now() >= waitUntil)
        return { ok: false, error: noCapableDevice(request) }
      await waitForChange(
        request.signal,
        assignment.kind === 'none' ? Math.min(waitUntil - Date.now(), pollMs) : pollMs,
      )
    }
  }

  /** Strategy `all`: the command runs once on every matching device; the output maps device id to output. */
  async function dispatchAll(request: DispatchRequest): Promise<DispatchResult> {
    const waitUntil = Date.now() + noDeviceWaitMs(request.timeoutMs)
    let devices = snapshot.match(request.target, request.action)
    while (devices.length === 0) {
      if (request.signal.aborted) return { ok: false, error: abortedError(request.signal) }
      if (Date.now() >= waitUntil) return { ok: false, error: noCapableDevice(request) }
      await waitForChange(request.signal, Math.min(waitUntil - Date.now(), pollMs))
      devices = snapshot.match(request.target, request.action)
    }
    const results = await Promise.all(
      devices.map((device) =>
        dispatchOne({
          ...request,
          commandId: `${request.commandId}@${device.id}`,
          target: { deviceId: device.id },
        }),
      ),
    )
    const failed = results.find((r) => !r.ok)
    if (failed) return failed
    const outputs: Record<string, unknown> = {}
    for (const r of results) if (r.ok) outputs[r.deviceId] = r.output
    return { ok: true, output: { devices: outputs }, deviceId: 'all' }
  }

  return {
    matchDevices: (target, action) => snapshot.match(target, action),
    dispatch(request) {
      const target = request.target
      const isAll = target !== undefined && 'selector' in target && target.strategy === 'all'
      return isAll ? dispatchAll(request) : dispatchOne(request)
    },
    async refresh() {
      await refreshing // then a refresh that starts after this call
      await refreshSnapshot()
    },
    async start() {
      await snapshot.refresh()
      flagged?.peek() // the first load, in the background
      const subscriptions: [string, (payload: string) => void][] = [
        [
          DEVICE_RESULTS_CHANNEL,
          (payload) => {
            const finished = parseResultPayload(payload)
            if (typeof finished === 'string') fetchFinished([finished])
            else pending.get(finished.id)?.(finished)
            wakeWaiters()
          },
        ],
        [DEVICE_REGISTRY_CHANNEL, () => void refreshSnapshot()],
      ]
      for (const [channel, onNotify] of subscriptions) {
        try {
          const meta = await options.sql.listen(channel, onNotify)
          unlisteners.push(() => meta.unlisten())
        } catch (error) {
          log.warn({ err: error, channel }, 'LISTEN failed; relying on polling')
        }
      }
      timers.push(
        setInterval(() => {
          fetchFinished(pending.keys())
          wakeWaiters()
        }, pollMs),
        setInterval(() => void refreshSnapshot(), options.snapshotMs ?? 1000),
      )
    },
    async stop() {
      for (const timer of timers) clearInterval(timer)
      await Promise.all(unlisteners.map((unlisten) => unlisten().catch(() => {})))
      await refreshing
    },
  }
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

function noCapableDevice(request: DispatchRequest): StepError {
  const target = request.target
  const where =
    target && 'deviceId' in target
      ? `device "${target.deviceId}"`
      : target?.selector.tags?.length || target?.selector.capabilities?.length
        ? `devices matching ${JSON.stringify(target.selector)}`
        : 'any device'
  return {
    code: 'no_capable_device',
    message: `No online device could run "${request.action}" on ${where} before the step's timeout. Check the fleet page: the device may be offline, draining, revoked or missing the action.`,
    retryable: true,
  }
}
