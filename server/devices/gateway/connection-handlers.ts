// What the gateway does with each message of a connected agent: hello (register the connection),
// heartbeats, command status hints and log lines, and results. Each takes the connection it serves.
import type { ZodError } from 'zod'
import type { Logger } from '@/server/platform/logger'
import { describeJsonProblems, findJsonProblems } from '@/contracts/json-guard'
import {
  describeIssues,
  ZCommandResult,
  ZHeartbeat,
  ZHello,
  type Ack,
  type ProtocolError,
} from '@/contracts/device-protocol'
import { openConnection, recordHeartbeat, closeConnection } from './device-registry'
import { applyCommandResult, failUnstorableResult } from './gateway-commands'
import { scheduleSync } from './gateway-delivery'
import type { DeviceSocket, GatewayResources } from './gateway-resources'

/** What a handler needs of the connection it serves (gateway-connection.ts's DeviceConnection). */
export interface AgentConnection {
  readonly deviceId: string
  readonly connectionId: string
  readonly socket: DeviceSocket
  readonly resources: GatewayResources
  readonly log: Logger
  /** Set once the hello is recorded. */
  registered: boolean
  refuse(ack: unknown, error: ProtocolError, disconnect?: boolean): void
  helloRequired(ack: unknown): void
  helloArrived(): void
}

export type Handler = (connection: AgentConnection, payload: unknown, ack: unknown) => Promise<void>

export function reply<T>(ack: unknown, value: Ack<T>): void {
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

/** Disconnects an older socket of the same device: the newest hello holds it. */
function replacePrevious(connection: AgentConnection): void {
  const previous = connection.resources.held.get(connection.deviceId)
  if (previous && previous.socket !== connection.socket) {
    previous.socket.emit('device:error', {
      code: 'replaced',
      message: 'Another connection with this token said hello.',
    })
    previous.socket.disconnect(true)
  }
}

export const onHello: Handler = async (connection, payload, ack) => {
  const { resources, deviceId, connectionId, socket, log } = connection
  if (connection.registered)
    return connection.refuse(ack, {
      code: 'invalid_message',
      message: 'device:hello was already sent on this connection.',
    })
  const parsed = parseMessage(ZHello, payload)
  if ('error' in parsed)
    return connection.refuse(
      ack,
      { code: 'invalid_message', message: `Invalid hello: ${parsed.error.message}` },
      true,
    )
  connection.helloArrived()
  replacePrevious(connection)
  const opened = await openConnection(resources.db, {
    deviceId,
    connectionId,
    gatewayId: resources.gatewayId,
    remoteAddress: socket.handshake.address || null,
    hello: parsed.data,
  })
  if (!opened) return connection.refuse(ack, { code: 'revoked', message: 'This device was revoked.' }, true)
  if (!socket.connected)
    return closeConnection(resources.db, deviceId, connectionId, 'disconnected during hello')
  connection.registered = true
  resources.held.set(deviceId, { socket, connectionId, syncing: false, dirty: false, checkCancels: true })
  if (opened.lost.length > 0)
    log.warn({ lost: opened.lost }, 'reconnected without commands it had; failed as device_lost')
  log.info({ name: opened.name, agentVersion: parsed.data.agentVersion }, 'device connected')
  reply(ack, {
    data: { deviceId, name: opened.name, heartbeatMs: resources.heartbeatMs, draining: opened.draining },
  })
  scheduleSync(resources, deviceId, { cancels: true })
}

export const onHeartbeat: Handler = async (connection, payload, ack) => {
  if (!connection.registered) return connection.helloRequired(ack)
  const parsed = parseMessage(ZHeartbeat, payload)
  if ('error' in parsed) return connection.refuse(ack, parsed.error)
  const state = await recordHeartbeat(connection.resources.db, connection.deviceId, connection.connectionId)
  if (!state)
    return connection.refuse(
      ack,
      { code: 'replaced', message: 'This connection no longer holds the device.' },
      true,
    )
  if (state.resumed) {
    connection.log.info('device heartbeats again after being marked offline; it is online again')
    scheduleSync(connection.resources, connection.deviceId, { cancels: true })
  }
  reply(ack, { data: { draining: state.draining } })
}

/**
 * command:started / progress / log: recorded only for this device's commands in flight. A status
 * hint for a command that already finished is answered `recorded: false`; a log line is refused.
 */
export function commandEvent<T>(
  schema: Schema<T>,
  apply: (data: T) => Promise<boolean>,
  strict: boolean,
): Handler {
  return async (connection, payload, ack) => {
    if (!connection.registered) return connection.helloRequired(ack)
    const parsed = parseMessage(schema, payload)
    if ('error' in parsed) return connection.refuse(ack, parsed.error)
    const recorded = await apply(parsed.data)
    if (recorded || !strict) return reply(ack, { data: { recorded } })
    connection.refuse(ack, {
      code: 'unknown_command',
      message: 'No command in flight with this id on this device.',
    })
  }
}

export const onResult: Handler = async (connection, payload, ack) => {
  const { resources, deviceId } = connection
  if (!connection.registered) return connection.helloRequired(ack)
  // The envelope's schema never walks `output`, so it is safe before the guard.
  const parsed = ZCommandResult.safeParse(payload)
  if (!parsed.success)
    return connection.refuse(ack, { code: 'invalid_message', message: describeIssues(parsed.error) })
  // The command's log lines land before its result.
  await resources.activity.settle(parsed.data.commandId)
  // The envelope is flat (its schema is strict); `output` or `error` may each nest 64 deep.
  const unsafe = parsed.data.ok
    ? findJsonProblems(parsed.data.output, { path: ['output'], allowNul: true })
    : findJsonProblems(parsed.data.error, { path: ['error'], allowNul: true })
  const outcome =
    unsafe.length > 0
      ? await failUnstorableResult(
          resources.db,
          deviceId,
          parsed.data.commandId,
          describeJsonProblems(unsafe),
        )
      : await applyCommandResult(resources.db, deviceId, resources.gatewayId, parsed.data)
  if (outcome === 'refused') {
    // Final: the command failed with invalid_output; sending the same result again cannot help.
    connection.log.warn({ commandId: parsed.data.commandId }, 'refused a result it cannot store')
    return reply(ack, {
      error: {
        code: 'invalid_output',
        message: `${describeJsonProblems(unsafe)} The step failed with invalid_output.`,
      },
    })
  }
  if (outcome === 'unknown')
    return connection.refuse(ack, {
      code: 'unknown_command',
      message: `Command ${parsed.data.commandId} is not this device's.`,
    })
  reply(ack, {
    data: { applied: outcome === 'applied', ...(outcome === 'duplicate' ? { duplicate: true } : {}) },
  })
}
