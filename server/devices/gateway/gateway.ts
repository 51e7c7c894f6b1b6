// The device gateway: socket.io namespace `/devices`. Authenticates agents by token, delivers the
// command rows of the devices whose sockets it holds (woken by NOTIFY, with polling as a fallback),
// relays cancels, revokes and drains at once, and sweeps for silent devices and lost commands.
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { sql } from 'drizzle-orm'
import type postgres from 'postgres'
import type { Namespace, Server } from 'socket.io'
import type { Db } from '@/db/client'
import type { Logger } from '@/server/platform/logger'
import { rows, textList } from '@/server/platform/sql-helpers'
import { channelName, readMessage } from '@/server/platform/notify-bus'
import { createCommandActivityWriter } from './command-activity-writer'
import { closeConnection, findDeviceByToken } from './device-registry'
import { deliverCommands, deliverNotified } from './gateway-delivery'
import {
  handleDeviceConnection,
  type ConnectionContext,
  type DeviceSocket,
  type HeldDevice,
} from './gateway-connection'
import { sweepDevices } from './gateway-sweep'
import {
  DEVICE_NAMESPACE,
  ZDeviceAuth,
  type DeviceClientToServerEvents,
  type DeviceServerToClientEvents,
  type ProtocolError,
} from '@/contracts/device-protocol'

export interface DeviceGatewayOptions {
  io: Server
  db: Db
  /** postgres.js client for LISTEN. */
  sql: postgres.Sql
  logger: Logger
  gatewayId?: string
  /** Told to agents in the hello ack. */
  heartbeatMs?: number
  /** Silence after which a device is offline (default 3 heartbeats). */
  offlineAfterMs?: number
  /** How long an offline device's commands wait for it to reconnect before failing with device_lost. */
  lostGraceMs?: number
  pollMs?: number
  sweepMs?: number
  ackTimeoutMs?: number
  helloTimeoutMs?: number
  cancelGraceMs?: number
}

export interface DeviceGateway {
  gatewayId: string
  /** Device ids whose sockets this gateway holds. */
  connectedDeviceIds(): string[]
  stop(): Promise<void>
}

export function startDeviceGateway(options: DeviceGatewayOptions): DeviceGateway {
  const { db, logger } = options
  const gatewayId = options.gatewayId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  const log = logger.child({ component: 'device-gateway', gatewayId })
  const heartbeatMs = options.heartbeatMs ?? 5000
  const ackTimeoutMs = options.ackTimeoutMs ?? 10_000
  const pollMs = options.pollMs ?? 1000
  const sweep = {
    offlineAfterMs: options.offlineAfterMs ?? heartbeatMs * 3,
    lostGraceMs: options.lostGraceMs ?? 10_000,
    cancelGraceMs: options.cancelGraceMs ?? 30_000,
  }
  const held = new Map<string, HeldDevice>()
  const namespace = options.io.of(DEVICE_NAMESPACE) as unknown as Namespace<
    DeviceClientToServerEvents,
    DeviceServerToClientEvents,
    Record<string, never>,
    { deviceId: string }
  >

  const deliveryContext = { db, log, gatewayId, ackTimeoutMs, held }

  function scheduleSync(deviceId: string, opts: { cancels: boolean }): void {
    const device = held.get(deviceId)
    if (!device) return
    if (opts.cancels) device.checkCancels = true
    device.dirty = true
    if (device.syncing) return
    device.syncing = true
    void deliverCommands(deliveryContext, deviceId, device).finally(() => {
      device.syncing = false
    })
  }

  const activity = createCommandActivityWriter(db)
  const context: ConnectionContext = {
    db,
    activity,
    log,
    gatewayId,
    heartbeatMs,
    helloTimeoutMs: options.helloTimeoutMs ?? 10_000,
    held,
    scheduleSync,
    closing: false,
  }

  namespace.use((socket, next) => {
    const refuse = (error: ProtocolError) => {
      log.warn({ code: error.code, address: socket.handshake.address }, 'refused a device connection')
      next(Object.assign(new Error(error.code), { data: error }))
    }
    const auth = ZDeviceAuth.safeParse(socket.handshake.auth)
    if (!auth.success)
      return refuse({
        code: 'missing_token',
        message: 'Connect with auth { token }: the device token from the fleet page.',
      })
    findDeviceByToken(db, auth.data.token).then(
      (device) => {
        if (!device)
          return refuse({
            code: 'invalid_token',
            message: 'The token is unknown or was revoked. Create a new one on the fleet page.',
          })
        socket.data.deviceId = device.id
        next()
      },
      (error: unknown) => {
        log.error({ err: error }, 'token lookup failed')
        next(
          Object.assign(new Error('internal_error'), {
            data: { code: 'internal_error', message: 'Try again shortly.' },
          }),
        )
      },
    )
  })
  namespace.on('connection', (socket) => handleDeviceConnection(socket as DeviceSocket, context))

  function onRegistryEvent(payload: string): void {
    const parsed = readMessage('deviceRegistry', payload)
    const device = parsed && held.get(parsed.deviceId)
    if (!parsed || !device) return
    if (parsed.event === 'revoked') {
      log.info({ deviceId: parsed.deviceId }, 'device revoked; disconnecting it')
      device.socket.emit('device:error', {
        code: 'revoked',
        message: 'This device was revoked on the fleet page.',
      })
      device.socket.disconnect(true)
    } else if (parsed.event === 'drain' || parsed.event === 'undrain') {
      device.socket.emit('device:drain', { draining: parsed.event === 'drain' })
    }
  }

  /** Fallback for missed notifications: devices held here with queued commands or unsent cancels. */
  async function poll(): Promise<void> {
    if (held.size === 0) return
    const due = await rows<{ device_id: string; cancels: boolean }>(
      db,
      sql`SELECT device_id, bool_or(cancel_requested_at IS NOT NULL AND cancel_sent_at IS NULL) AS cancels
          FROM device_commands
          WHERE device_id IN ${textList([...held.keys()])}
            AND (status = 'queued' OR (cancel_requested_at IS NOT NULL AND cancel_sent_at IS NULL AND status IN ('delivered', 'acked', 'running')))
          GROUP BY device_id`,
    )
    for (const d of due) scheduleSync(d.device_id, { cancels: d.cancels })
  }

  const unlisteners: (() => Promise<void>)[] = []
  const subscriptions: [string, (payload: string) => void][] = [
    [
      channelName('deviceCommands'),
      (payload) => {
        const message = readMessage('deviceCommands', payload)
        if (!message) return
        const { deviceId, cancel, command } = message
        const device = held.get(deviceId)
        if (command && device) {
          const { commandId, ...rest } = command
          deliverNotified(deliveryContext, deviceId, device, { id: commandId, ...rest })
        } else scheduleSync(deviceId, { cancels: cancel })
      },
    ],
    [channelName('deviceRegistry'), onRegistryEvent],
  ]
  let stopping = false
  for (const [channel, onNotify] of subscriptions)
    options.sql
      .listen(channel, onNotify)
      .then((meta) => {
        unlisteners.push(() => meta.unlisten())
        if (stopping) void meta.unlisten().catch(() => {})
      })
      .catch((error: unknown) => log.warn({ err: error, channel }, 'LISTEN failed; relying on polling'))

  const every = (ms: number, what: string, task: () => Promise<unknown>) => {
    let running = false
    return setInterval(() => {
      if (running) return
      running = true
      task()
        .catch((error: unknown) => log.warn({ err: error }, `${what} failed; retrying`))
        .finally(() => (running = false))
    }, ms)
  }
  const timers = [
    every(pollMs, 'polling for commands', poll),
    every(options.sweepMs ?? 1000, 'device sweep', async () => {
      const swept = await sweepDevices(db, sweep)
      if (swept.offline || swept.lost) log.warn(swept, 'marked silent devices offline / failed lost commands')
    }),
  ]
  log.info({ heartbeatMs, ...sweep }, 'device gateway started')

  return {
    gatewayId,
    connectedDeviceIds: () => [...held.keys()],
    async stop() {
      stopping = true
      context.closing = true
      for (const timer of timers) clearInterval(timer)
      await Promise.all(unlisteners.map((unlisten) => unlisten().catch(() => {})))
      const devices = [...held.entries()]
      held.clear()
      await Promise.all(
        devices.map(([deviceId, device]) =>
          closeConnection(db, deviceId, device.connectionId, 'gateway stopping').catch((error: unknown) =>
            log.warn({ err: error, deviceId }, 'could not mark the device offline; the sweep will'),
          ),
        ),
      )
      for (const [, device] of devices) device.socket.disconnect(true)
      namespace.removeAllListeners()
      await activity.stop()
    },
  }
}
