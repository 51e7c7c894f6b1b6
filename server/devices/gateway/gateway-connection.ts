// One agent's socket on `/devices`: hello, heartbeats, and the command events it sends back.
// Every message is validated; a bad one gets an error ack and is logged, and nothing else changes.
import { randomUUID } from 'node:crypto'
import type { Socket } from 'socket.io'
import type { ZodError } from 'zod'
import type { Db } from '@/db/client'
import { describeJsonProblems, findJsonProblems } from '@/contracts/json-guard'
import type { Logger } from '@/server/platform/logger'
import { closeConnection, openConnection, recordHeartbeat } from './device-registry'
import type { CommandActivityWriter } from './command-activity-writer'
import { applyCommandResult, failUnstorableResult, markStarted } from './gateway-commands'
import {
  describeIssues,
  ZCommandLog,
  ZCommandProgress,
  ZCommandRef,
  ZCommandResult,
  ZHeartbeat,
  ZHello,
  type Ack,
  type DeviceClientToServerEvents,
  type DeviceServerToClientEvents,
  type ProtocolError,
} from '@/contracts/device-protocol'

export type DeviceSocket = Socket<
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

export interface ConnectionContext {
  db: Db
  /** Batches log lines and progress across this gateway's devices. */
  activity: CommandActivityWriter
  log: Logger
  gatewayId: string
  heartbeatMs: number
  helloTimeoutMs: number
  held: Map<string, HeldDevice>
  scheduleSync(deviceId: string, options: { cancels: boolean }): void
  /** The gateway is stopping and records disconnects itself. */
  closing: boolean
}

/** Invalid messages tolerated on one connection before it is closed. */
const MAX_INVALID_MESSAGES = 20

function reply<T>(ack: unknown, value: Ack<T>): void {
  if (typeof ack === 'function') (ack as (reply: Ack<T>) => void)(value)
}

type Schema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false; error: ZodError } }

/**
 * The shared JSON guard, then the message's schema. Device text may hold NUL (stored as U+FFFD);
 * nesting past 64 levels and lone surrogates are refused, naming the field.
 */
function parseMessage<T>(schema: Schema<T>, payload: unknown): { data: T } | { error: ProtocolError } {
  const unsafe = findJsonProblems(payload, { allowNul: true })
  if (unsafe.length > 0) return { error: { code: 'invalid_message', message: describeJsonProblems(unsafe) } }
  const parsed = schema.safeParse(payload)
  if (!parsed.success) return { error: { code: 'invalid_message', message: describeIssues(parsed.error) } }
  return { data: parsed.data }
}

export function handleDeviceConnection(socket: DeviceSocket, ctx: ConnectionContext): void {
  const deviceId = socket.data.deviceId
  const connectionId = randomUUID()
  const log = ctx.log.child({ deviceId, connectionId })
  let registered = false
  let invalid = 0

  const refuse = (ack: unknown, error: ProtocolError, disconnect = false) => {
    // Events socket.io buffered while the agent was offline arrive before its new hello: answered
    // hello_required, but not counted towards closing the connection (docs/device-protocol.md §2).
    if (error.code !== 'hello_required') invalid++
    log.warn({ code: error.code, reason: error.message }, 'refused a device message')
    reply(ack, { error })
    if (disconnect || invalid > MAX_INVALID_MESSAGES) {
      socket.emit('device:error', error)
      socket.disconnect(true)
    }
  }
  const helloRequired = (ack: unknown) =>
    refuse(ack, { code: 'hello_required', message: 'Send device:hello first and wait for its ack.' })
  const failed = (ack: unknown, error: unknown, what: string) => {
    log.error({ err: error }, `${what} failed`)
    reply(ack, {
      error: { code: 'internal_error', message: 'The gateway could not record this; try again.' },
    })
  }

  const helloTimer = setTimeout(() => {
    if (!registered)
      refuse(
        undefined,
        { code: 'hello_required', message: `No device:hello within ${ctx.helloTimeoutMs} ms.` },
        true,
      )
  }, ctx.helloTimeoutMs)

  async function onHello(payload: unknown, ack: unknown): Promise<void> {
    if (registered)
      return refuse(ack, {
        code: 'invalid_message',
        message: 'device:hello was already sent on this connection.',
      })
    const parsed = parseMessage(ZHello, payload)
    if ('error' in parsed)
      return refuse(ack, { code: 'invalid_message', message: `Invalid hello: ${parsed.error.message}` }, true)
    clearTimeout(helloTimer)
    const previous = ctx.held.get(deviceId)
    if (previous && previous.socket !== socket) {
      previous.socket.emit('device:error', {
        code: 'replaced',
        message: 'Another connection with this token said hello.',
      })
      previous.socket.disconnect(true)
    }
    const opened = await openConnection(ctx.db, {
      deviceId,
      connectionId,
      gatewayId: ctx.gatewayId,
      remoteAddress: socket.handshake.address || null,
      hello: parsed.data,
    })
    if (!opened) return refuse(ack, { code: 'revoked', message: 'This device was revoked.' }, true)
    if (!socket.connected) return closeConnection(ctx.db, deviceId, connectionId, 'disconnected during hello')
    registered = true
    ctx.held.set(deviceId, { socket, connectionId, syncing: false, dirty: false, checkCancels: true })
    if (opened.lost.length > 0)
      log.warn({ lost: opened.lost }, 'reconnected without commands it had; failed as device_lost')
    log.info({ name: opened.name, agentVersion: parsed.data.agentVersion }, 'device connected')
    reply(ack, {
      data: { deviceId, name: opened.name, heartbeatMs: ctx.heartbeatMs, draining: opened.draining },
    })
    ctx.scheduleSync(deviceId, { cancels: true })
  }

  async function onHeartbeat(payload: unknown, ack: unknown): Promise<void> {
    if (!registered) return helloRequired(ack)
    const parsed = parseMessage(ZHeartbeat, payload)
    if ('error' in parsed) return refuse(ack, parsed.error)
    const state = await recordHeartbeat(ctx.db, deviceId, connectionId)
    if (!state)
      return refuse(ack, { code: 'replaced', message: 'This connection no longer holds the device.' }, true)
    if (state.resumed) {
      log.info('device heartbeats again after being marked offline; it is online again')
      ctx.scheduleSync(deviceId, { cancels: true })
    }
    reply(ack, { data: { draining: state.draining } })
  }

  /**
   * command:started / progress / log: recorded only for this device's commands in flight. A status
   * hint for a command that already finished is answered `recorded: false`; a log line is refused.
   */
  function commandEvent<T>(schema: Schema<T>, apply: (data: T) => Promise<boolean>, strict: boolean) {
    return async (payload: unknown, ack: unknown): Promise<void> => {
      if (!registered) return helloRequired(ack)
      const parsed = parseMessage(schema, payload)
      if ('error' in parsed) return refuse(ack, parsed.error)
      const recorded = await apply(parsed.data)
      if (recorded || !strict) return reply(ack, { data: { recorded } })
      refuse(ack, { code: 'unknown_command', message: 'No command in flight with this id on this device.' })
    }
  }

  async function onResult(payload: unknown, ack: unknown): Promise<void> {
    if (!registered) return helloRequired(ack)
    // The envelope's schema never walks `output`, so it is safe before the guard.
    const parsed = ZCommandResult.safeParse(payload)
    if (!parsed.success)
      return refuse(ack, { code: 'invalid_message', message: describeIssues(parsed.error) })
    // The command's log lines land before its result.
    await ctx.activity.settle(parsed.data.commandId)
    // The envelope is flat (its schema is strict); `output` or `error` may each nest 64 deep.
    const unsafe = parsed.data.ok
      ? findJsonProblems(parsed.data.output, { path: ['output'], allowNul: true })
      : findJsonProblems(parsed.data.error, { path: ['error'], allowNul: true })
    const outcome =
      unsafe.length > 0
        ? await failUnstorableResult(ctx.db, deviceId, parsed.data.commandId, describeJsonProblems(unsafe))
        : await applyCommandResult(ctx.db, deviceId, ctx.gatewayId, parsed.data)
    if (outcome === 'refused') {
      // Final: the command failed with invalid_output; sending the same result again cannot help.
      log.warn({ commandId: parsed.data.commandId }, 'refused a result it cannot store')
      return reply(ack, {
        error: { code: 'invalid_output', message: `${describeJsonProblems(unsafe)} The step failed with invalid_output.` },
      })
    }
    if (outcome === 'unknown')
      return refuse(ack, {
        code: 'unknown_command',
        message: `Command ${parsed.data.commandId} is not this device's.`,
      })
    reply(ack, {
      data: { applied: outcome === 'applied', ...(outcome === 'duplicate' ? { duplicate: true } : {}) },
    })
  }

  // One event at a time per connection, in arrival order (hello, then results).
  let queue: Promise<void> = Promise.resolve()
  const guarded =
    (what: string, handler: (payload: unknown, ack: unknown) => Promise<void>) =>
    (payload: unknown, ack: unknown) => {
      queue = queue.then(() => handler(payload, ack).catch((error: unknown) => failed(ack, error, what)))
    }
  const unordered =
    (what: string, handler: (payload: unknown, ack: unknown) => Promise<void>) =>
    (payload: unknown, ack: unknown) =>
      void handler(payload, ack).catch((error: unknown) => failed(ack, error, what))

  socket.on('device:hello', guarded('hello', onHello))
  socket.on('device:heartbeat', unordered('heartbeat', onHeartbeat)) // never stuck behind a backlog of results
  // Status hints need no ordering (a late one finds the command finished and changes nothing).
  socket.on(
    'command:started',
    unordered(
      'command:started',
      commandEvent(ZCommandRef, (d) => markStarted(ctx.db, deviceId, d.commandId), false),
    ),
  )
  socket.on(
    'command:progress',
    unordered(
      'command:progress',
      commandEvent(ZCommandProgress, (d) => ctx.activity.progress(deviceId, d), false),
    ),
  )
  socket.on(
    'command:log',
    // Batched, so not in the ordered queue: lines keep their order in the batch, and a result
    // settles its command's lines first.
    unordered(
      'command:log',
      commandEvent(ZCommandLog, (d) => ctx.activity.log(deviceId, d), true),
    ),
  )
  socket.on('command:result', guarded('command:result', onResult))
  const known = new Set([
    'device:hello',
    'device:heartbeat',
    'command:started',
    'command:progress',
    'command:log',
    'command:result',
  ])
  socket.onAny((event: string, ...args: unknown[]) => {
    if (!known.has(event))
      refuse(args[args.length - 1], {
        code: 'invalid_message',
        message: `Unknown event "${String(event).slice(0, 50)}".`,
      })
  })
  socket.on('disconnect', (reason) => {
    clearTimeout(helloTimer)
    if (!registered || ctx.closing) return
    if (ctx.held.get(deviceId)?.socket === socket) ctx.held.delete(deviceId)
    log.info({ reason }, 'device disconnected')
    closeConnection(ctx.db, deviceId, connectionId, reason).catch((error: unknown) =>
      log.error({ err: error }, 'recording the disconnect failed; the sweep marks the device offline'),
    )
  })
}
