// One agent's socket on `/devices`: its state (registered after hello, invalid messages counted),
// refusals, and the binding of each event to its handler (connection-handlers.ts). Every message
// is validated; a bad one gets an error ack and is logged, and nothing else changes.
import { randomUUID } from 'node:crypto'
import type { Logger } from '@/server/platform/logger'
import { ZCommandLog, ZCommandProgress, ZCommandRef, type ProtocolError } from '@/contracts/device-protocol'
import { closeConnection } from './device-registry'
import { markStarted } from './gateway-commands'
import { commandEvent, onHeartbeat, onHello, onResult, reply, type AgentConnection, type Handler } from './connection-handlers'
import type { DeviceSocket, GatewayResources } from './gateway-resources'

/** Invalid messages tolerated on one connection before it is closed. */
const MAX_INVALID_MESSAGES = 20

const KNOWN_EVENTS = new Set([
  'device:hello',
  'device:heartbeat',
  'command:started',
  'command:progress',
  'command:log',
  'command:result',
])

export class DeviceConnection implements AgentConnection {
  readonly deviceId: string
  readonly connectionId = randomUUID()
  readonly log: Logger
  registered = false
  private invalid = 0
  private queue: Promise<void> = Promise.resolve()
  private readonly helloTimer: NodeJS.Timeout

  constructor(
    readonly socket: DeviceSocket,
    readonly resources: GatewayResources,
  ) {
    this.deviceId = socket.data.deviceId
    this.log = resources.log.child({ deviceId: this.deviceId, connectionId: this.connectionId })
    this.helloTimer = setTimeout(() => {
      if (!this.registered)
        this.refuse(
          undefined,
          { code: 'hello_required', message: `No device:hello within ${resources.helloTimeoutMs} ms.` },
          true,
        )
    }, resources.helloTimeoutMs)
  }

  refuse(ack: unknown, error: ProtocolError, disconnect = false): void {
    // Events socket.io buffered while the agent was offline arrive before its new hello: answered
    // hello_required, but not counted towards closing the connection (docs/device-protocol.md §2).
    if (error.code !== 'hello_required') this.invalid++
    this.log.warn({ code: error.code, reason: error.message }, 'refused a device message')
    reply(ack, { error })
    if (disconnect || this.invalid > MAX_INVALID_MESSAGES) {
      this.socket.emit('device:error', error)
      this.socket.disconnect(true)
    }
  }

  helloRequired(ack: unknown): void {
    this.refuse(ack, { code: 'hello_required', message: 'Send device:hello first and wait for its ack.' })
  }

  helloArrived(): void {
    clearTimeout(this.helloTimer)
  }

  private failed(ack: unknown, error: unknown, what: string): void {
    this.log.error({ err: error }, `${what} failed`)
    reply(ack, {
      error: { code: 'internal_error', message: 'The gateway could not record this; try again.' },
    })
  }

  /** One event at a time per connection, in arrival order (hello, then results). */
  private ordered(what: string, handler: Handler) {
    return (payload: unknown, ack: unknown) => {
      this.queue = this.queue.then(() =>
        handler(this, payload, ack).catch((error: unknown) => this.failed(ack, error, what)),
      )
    }
  }

  private unordered(what: string, handler: Handler) {
    return (payload: unknown, ack: unknown) =>
      void handler(this, payload, ack).catch((error: unknown) => this.failed(ack, error, what))
  }

  bind(): void {
    const { socket, resources, deviceId } = this
    socket.on('device:hello', this.ordered('hello', onHello))
    socket.on('device:heartbeat', this.unordered('heartbeat', onHeartbeat)) // never stuck behind a backlog of results
    // Status hints need no ordering (a late one finds the command finished and changes nothing).
    const started = commandEvent(ZCommandRef, (d) => markStarted(resources.db, deviceId, d.commandId), false)
    socket.on('command:started', this.unordered('command:started', started))
    const progress = commandEvent(ZCommandProgress, (d) => resources.activity.progress(deviceId, d), false)
    socket.on('command:progress', this.unordered('command:progress', progress))
    // Batched, so not in the ordered queue: lines keep their order in the batch, and a result
    // settles its command's lines first.
    const logLine = commandEvent(ZCommandLog, (d) => resources.activity.log(deviceId, d), true)
    socket.on('command:log', this.unordered('command:log', logLine))
    socket.on('command:result', this.ordered('command:result', onResult))
    socket.onAny((event: string, ...args: unknown[]) => {
      if (!KNOWN_EVENTS.has(event))
        this.refuse(args[args.length - 1], {
          code: 'invalid_message',
          message: `Unknown event "${String(event).slice(0, 50)}".`,
        })
    })
    socket.on('disconnect', (reason) => this.onDisconnect(reason))
  }

  private onDisconnect(reason: string): void {
    const { resources, deviceId } = this
    clearTimeout(this.helloTimer)
    if (!this.registered || resources.closing) return
    if (resources.held.get(deviceId)?.socket === this.socket) resources.held.delete(deviceId)
    this.log.info({ reason }, 'device disconnected')
    closeConnection(resources.db, deviceId, this.connectionId, reason).catch((error: unknown) =>
      this.log.error({ err: error }, 'recording the disconnect failed; the sweep marks the device offline'),
    )
  }
}

export function handleDeviceConnection(socket: DeviceSocket, resources: GatewayResources): void {
  new DeviceConnection(socket, resources).bind()
}
