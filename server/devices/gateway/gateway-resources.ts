// What the gateway's systems share: the database, its logger and identity, the timings agents are
// told, the sockets it holds, and the batched activity writer. One object, built by gateway.ts.
import type { Namespace, Socket } from 'socket.io'
import type { Db } from '@/db/client'
import type { Logger } from '@/server/platform/logger'
import type { DeviceClientToServerEvents, DeviceServerToClientEvents } from '@/contracts/device-protocol'
import type { CommandActivityWriter } from './command-activity-writer'

export type DeviceSocket = Socket<
  DeviceClientToServerEvents,
  DeviceServerToClientEvents,
  Record<string, never>,
  { deviceId: string }
>

export type DeviceNamespace = Namespace<
  DeviceClientToServerEvents,
  DeviceServerToClientEvents,
  Record<string, never>,
  { deviceId: string }
>

export interface HeldDevice {
  socket: DeviceSocket
  connectionId: string
  syncing: boolean
  dirty: boolean
  checkCancels: boolean
}

export interface GatewayResources {
  db: Db
  log: Logger
  gatewayId: string
  heartbeatMs: number
  helloTimeoutMs: number
  ackTimeoutMs: number
  /** Devices whose sockets this gateway holds, by device id. */
  held: Map<string, HeldDevice>
  /** Batches log lines and progress across this gateway's devices. */
  activity: CommandActivityWriter
  /** The gateway is stopping and records disconnects itself. */
  closing: boolean
}
