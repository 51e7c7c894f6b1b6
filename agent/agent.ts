// The agent SDK: `createAgent({ server, token }).action('deploy', schema, handler).start()`.
// Connects outbound to the gateway's `/devices` namespace, says hello, heartbeats, runs commands,
// and reconnects with backoff forever (also after the server refuses or drops it).
import os from 'node:os'
import { io, type Socket } from 'socket.io-client'
import { z } from 'zod'
import {
  DEVICE_NAMESPACE,
  PROTOCOL_LIMITS,
  PROTOCOL_VERSION,
  type Ack,
  type DeviceClientToServerEvents,
  type DeviceServerToClientEvents,
  type TActionDescriptor,
  type THello,
  type THelloReply,
} from '../contracts/device-protocol'
import { ACTION_NAME_RULE, isActionName } from '../contracts/action-name'
import { eraseParamsType, type ActionDefinition, type ActionHandler } from './action-types'
import { builtinActions } from './builtin-actions'
import { AGENT_VERSION } from './agent-version'
import { CommandRunner, type AgentLogger, type CommandTransport } from './command-runner'

export interface AgentOptions {
  /** The Relayflow server, e.g. http://relayflow.internal:3000 */
  server: string
  token: string
  name?: string
  tags?: string[]
  /** Commands run at once (sent as maxConcurrency). */
  concurrency?: number
  /** Enables shell.exec for these argv globs. */
  allowShell?: string[]
  /** Enables file.read inside this directory. */
  fileRoot?: string
  /** Register echo, sleep, system.info, http.request (default true). */
  builtinActions?: boolean
  logger?: AgentLogger
  reconnectDelayMs?: number
  reconnectDelayMaxMs?: number
}

export interface Agent {
  action<S extends z.ZodType>(
    name: string,
    schema: S,
    handler: ActionHandler<z.output<S>>,
    options?: { description?: string },
  ): Agent
  /** Connects; resolves after the first successful hello and keeps reconnecting after that. */
  start(): Promise<THelloReply>
  stop(): Promise<void>
  readonly deviceId: string | undefined
  readonly connected: boolean
  readonly load: number
}

const ACK_TIMEOUT_MS = 10_000
const silentLogger: AgentLogger = { info: () => {}, warn: () => {}, error: () => {} }

export function createAgent(options: AgentOptions): Agent {
  const logger = options.logger ?? silentLogger
  const actions = new Map<string, ActionDefinition>()
  if (options.builtinActions !== false)
    for (const action of builtinActions({ allowShell: options.allowShell, fileRoot: options.fileRoot }))
      actions.set(action.name, action)
  let socket: Socket<DeviceServerToClientEvents, DeviceClientToServerEvents> | undefined
  let greeted = false
  let stopped = false
  let deviceId: string | undefined
  let heartbeat: NodeJS.Timeout | undefined
  let retryTimer: NodeJS.Timeout | undefined
  let failures = 0
  let firstHello: { resolve: (reply: THelloReply) => void } | undefined

  const transport: CommandTransport = {
    isReady: () => greeted && socket?.connected === true,
    emit: (event, payload) => {
      if (greeted) socket?.emit(event as 'command:log', payload as never)
    },
    request: async <T>(event: 'command:result', payload: unknown) => {
      if (!greeted || !socket?.connected) return undefined
      try {
        return (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload as never)) as Ack<T>
      } catch {
        return undefined
      }
    },
  }
  const runner = new CommandRunner(actions, transport, logger)

  function describeActions(): TActionDescriptor[] {
    return [...actions.values()].map((action) => {
      let paramsSchema: Record<string, unknown> | undefined
      try {
        paramsSchema = z.toJSONSchema(action.schema, { io: 'input', unrepresentable: 'any' })
        if (JSON.stringify(paramsSchema).length > PROTOCOL_LIMITS.paramsSchemaMaxBytes)
          paramsSchema = undefined
      } catch {
        paramsSchema = undefined
      }
      return {
        name: action.name,
        ...(action.description ? { description: action.description.slice(0, 500) } : {}),
        ...(paramsSchema ? { paramsSchema } : {}),
      }
    })
  }

  function scheduleReconnect(): void {
    if (stopped || retryTimer) return
    const base = options.reconnectDelayMs ?? 500
    const delay =
      Math.min(options.reconnectDelayMaxMs ?? 30_000, base * 2 ** Math.min(failures++, 10)) *
      (0.5 + Math.random() / 2)
    retryTimer = setTimeout(() => {
      retryTimer = undefined
      if (!stopped && socket && !socket.connected) socket.connect()
    }, delay)
  }

  async function sayHello(): Promise<void> {
    const current = socket
    if (!current) return
    const hello: THello = {
      protocol: PROTOCOL_VERSION,
      agentVersion: AGENT_VERSION,
      ...(options.name ? { name: options.name } : {}),
      tags: options.tags ?? [],
      actions: describeActions(),
      maxConcurrency: options.concurrency ?? 4,
      ...runner.report(),
      host: { hostname: os.hostname().slice(0, 255), platform: os.platform(), arch: os.arch() },
    }
    let reply: Ack<THelloReply>
    try {
      reply = (await current.timeout(ACK_TIMEOUT_MS).emitWithAck('device:hello', hello)) as Ack<THelloReply>
    } catch {
      logger.warn('no answer to hello; reconnecting')
      current.disconnect()
      return scheduleReconnect()
    }
    if ('error' in reply) return logger.error('the gateway refused the hello', { error: reply.error })
    greeted = true
    failures = 0
    deviceId = reply.data.deviceId
    logger.info('connected', { deviceId, name: reply.data.name, draining: reply.data.draining })
    clearInterval(heartbeat)
    heartbeat = setInterval(
      () => current.emit('device:heartbeat', { load: runner.load }),
      reply.data.heartbeatMs,
    )
    runner.resendResults()
    firstHello?.resolve(reply.data)
    firstHello = undefined
  }

  const agent: Agent = {
    action(name, schema, handler, extra) {
      // The gateway refuses a hello declaring any other name, and no workflow step could target it.
      if (!isActionName(name)) throw new Error(`Action name "${name}" ${ACTION_NAME_RULE} (at most 100 characters).`)
      actions.set(
        name,
        eraseParamsType({
          name,
          schema: schema as z.ZodType<z.output<typeof schema>>,
          handler,
          ...(extra?.description ? { description: extra.description } : {}),
        }),
      )
      return agent
    },
    start() {
      const ready = new Promise<THelloReply>((resolve) => (firstHello = { resolve }))
      socket = io(options.server.replace(/\/+$/, '') + DEVICE_NAMESPACE, {
        auth: { token: options.token },
        transports: ['websocket'],
        reconnectionDelay: options.reconnectDelayMs ?? 500,
        reconnectionDelayMax: options.reconnectDelayMaxMs ?? 30_000,
        randomizationFactor: 0.5,
      })
      socket.on('connect', () => void sayHello())
      socket.on('connect_error', (error: Error & { data?: { message?: string } }) => {
        logger.warn('connection failed', { reason: error.message, detail: error.data?.message })
        if (!socket?.active) scheduleReconnect() // refused by the server: socket.io does not retry on its own
      })
      socket.on('disconnect', (reason) => {
        greeted = false
        clearInterval(heartbeat)
        logger.warn('disconnected', { reason })
        if (reason === 'io server disconnect') scheduleReconnect()
      })
      socket.on('device:error', (error) => logger.warn('gateway error', { ...error }))
      socket.on('device:drain', (state) =>
        logger.info(state.draining ? 'draining: no new commands' : 'drain ended'),
      )
      socket.on('command:run', runner.onRun)
      socket.on('command:cancel', runner.onCancel)
      return ready
    },
    stop() {
      stopped = true
      clearTimeout(retryTimer)
      clearInterval(heartbeat)
      runner.abortAll('The agent is stopping.')
      socket?.disconnect()
      return Promise.resolve()
    },
    get deviceId() {
      return deviceId
    },
    get connected() {
      return transport.isReady()
    },
    get load() {
      return runner.load
    },
  }
  return agent
}
