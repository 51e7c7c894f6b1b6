// The agent's one outbound socket to the gateway's `/devices` namespace: opening it and wiring its
// events, the transport the command runner sends through, and closing it when the agent stops.
import { io } from 'socket.io-client'
import { DEVICE_NAMESPACE, type Ack } from '../contracts/device-protocol'
import { ACK_TIMEOUT_MS, type AgentState, type DeviceSocket } from './agent-state'
import type { CommandRunner, CommandTransport } from './command-runner'
import { stopHeartbeat } from './heartbeat'
import { sayHello } from './hello'
import { scheduleReconnect } from './reconnect-backoff'

/** Sends only once greeted; results wait in the runner's buffer while not. */
export function deviceTransport(state: AgentState): CommandTransport {
  return {
    isReady: () => state.greeted && state.socket?.connected === true,
    emit: (event, payload) => {
      if (state.greeted) state.socket?.emit(event as 'command:log', payload as never)
    },
    request: async <T>(event: 'command:result', payload: unknown) => {
      const { socket } = state
      if (!state.greeted || !socket?.connected) return undefined
      try {
        return (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload as never)) as Ack<T>
      } catch {
        return undefined
      }
    },
  }
}

export function openConnection(state: AgentState, runner: CommandRunner): void {
  const { options, logger } = state
  const socket: DeviceSocket = io(options.server.replace(/\/+$/, '') + DEVICE_NAMESPACE, {
    auth: { token: options.token },
    transports: ['websocket'],
    reconnectionDelay: options.reconnectDelayMs ?? 500,
    reconnectionDelayMax: options.reconnectDelayMaxMs ?? 30_000,
    randomizationFactor: 0.5,
  })
  state.socket = socket
  socket.on('connect', () => void sayHello(state, runner))
  socket.on('connect_error', (error: Error & { data?: { message?: string } }) => {
    logger.warn('connection failed', { reason: error.message, detail: error.data?.message })
    if (!state.socket?.active) scheduleReconnect(state) // refused by the server: socket.io does not retry on its own
  })
  socket.on('disconnect', (reason) => {
    state.greeted = false
    stopHeartbeat(state)
    logger.warn('disconnected', { reason })
    if (reason === 'io server disconnect') scheduleReconnect(state)
  })
  socket.on('device:error', (error) => logger.warn('gateway error', { ...error }))
  socket.on('device:drain', (drain) =>
    logger.info(drain.draining ? 'draining: no new commands' : 'drain ended'),
  )
  socket.on('command:run', runner.onRun)
  socket.on('command:cancel', runner.onCancel)
}

/** Stops for good: no reconnect, no heartbeat, running actions aborted, socket closed. */
export function closeConnection(state: AgentState, runner: CommandRunner): void {
  state.stopped = true
  clearTimeout(state.retryTimer)
  stopHeartbeat(state)
  runner.abortAll('The agent is stopping.')
  state.socket?.disconnect()
}
