// What the agent's parts (connection, hello, heartbeat, reconnect) share: the options, the one
// socket and where the connection stands. Each part reads and updates this one object.
import type { Socket } from 'socket.io-client'
import type {
  DeviceClientToServerEvents,
  DeviceServerToClientEvents,
  THelloReply,
} from '../contracts/device-protocol'
import type { ActionDefinition } from './action-types'
import type { AgentLogger } from './command-runner'

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

export type DeviceSocket = Socket<DeviceServerToClientEvents, DeviceClientToServerEvents>

export const ACK_TIMEOUT_MS = 10_000

export interface AgentState {
  readonly options: AgentOptions
  readonly logger: AgentLogger
  readonly actions: Map<string, ActionDefinition>
  socket: DeviceSocket | undefined
  /** The gateway accepted our hello on the current connection: commands and results may flow. */
  greeted: boolean
  stopped: boolean
  deviceId: string | undefined
  heartbeat: NodeJS.Timeout | undefined
  retryTimer: NodeJS.Timeout | undefined
  /** Reconnects scheduled since the last accepted hello; the backoff grows with it. */
  failures: number
  /** Resolves start()'s promise on the first accepted hello. */
  firstHello: { resolve: (reply: THelloReply) => void } | undefined
}

const silentLogger: AgentLogger = { info: () => {}, warn: () => {}, error: () => {} }

export function createAgentState(options: AgentOptions): AgentState {
  return {
    options,
    logger: options.logger ?? silentLogger,
    actions: new Map(),
    socket: undefined,
    greeted: false,
    stopped: false,
    deviceId: undefined,
    heartbeat: undefined,
    retryTimer: undefined,
    failures: 0,
    firstHello: undefined,
  }
}
