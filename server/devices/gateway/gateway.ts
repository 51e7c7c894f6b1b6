// The device gateway: socket.io namespace `/devices`. Authenticates agents by token, delivers the
// command rows of the devices whose sockets it holds (woken by NOTIFY, with polling as a fallback),
// relays cancels, revokes and drains at once, and sweeps for silent devices and lost commands.
// This file composes the systems (auth, connections, notifications, polls) over one resources object.
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type postgres from 'postgres'
import type { Server } from 'socket.io'
import type { Db } from '@/db/client'
import type { Logger } from '@/server/platform/logger'
import { DEVICE_NAMESPACE } from '@/contracts/device-protocol'
import { createCommandActivityWriter } from './command-activity-writer'
import { closeConnection } from './device-registry'
import { authenticateDevices } from './gateway-auth'
import { handleDeviceConnection } from './gateway-connection'
import { listenForGateway } from './gateway-notifications'
import { every, pollHeldDevices, sweepAndReport } from './gateway-polls'
import type { DeviceNamespace, DeviceSocket, GatewayResources } from './gateway-resources'

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

function createResources(options: DeviceGatewayOptions): GatewayResources {
  const gatewayId = options.gatewayId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  return {
    db: options.db,
    log: options.logger.child({ component: 'device-gateway', gatewayId }),
    gatewayId,
    heartbeatMs: options.heartbeatMs ?? 5000,
    helloTimeoutMs: options.helloTimeoutMs ?? 10_000,
    ackTimeoutMs: options.ackTimeoutMs ?? 10_000,
    held: new Map(),
    activity: createCommandActivityWriter(options.db),
    closing: false,
  }
}

export function startDeviceGateway(options: DeviceGatewayOptions): DeviceGateway {
  const resources = createResources(options)
  const { db, log, held } = resources
  const sweep = {
    offlineAfterMs: options.offlineAfterMs ?? resources.heartbeatMs * 3,
    lostGraceMs: options.lostGraceMs ?? 10_000,
    cancelGraceMs: options.cancelGraceMs ?? 30_000,
  }
  const namespace = options.io.of(DEVICE_NAMESPACE) as unknown as DeviceNamespace
  namespace.use(authenticateDevices(db, log))
  namespace.on('connection', (socket) => handleDeviceConnection(socket as DeviceSocket, resources))
  const subscriptions = listenForGateway(resources, options.sql)
  const timers = [
    every(log, options.pollMs ?? 1000, 'polling for commands', () => pollHeldDevices(resources)),
    every(log, options.sweepMs ?? 1000, 'device sweep', () => sweepAndReport(resources, sweep)),
  ]
  log.info({ heartbeatMs: resources.heartbeatMs, ...sweep }, 'device gateway started')

  return {
    gatewayId: resources.gatewayId,
    connectedDeviceIds: () => [...held.keys()],
    async stop() {
      resources.closing = true
      for (const timer of timers) clearInterval(timer)
      await Promise.all(subscriptions.map((subscription) => subscription.stop()))
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
      await resources.activity.stop()
    },
  }
}
