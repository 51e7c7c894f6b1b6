// Test helpers for agents written only from docs/device-protocol.md: a raw socket.io client on
// `/devices`, the hello the doc shows, acked emits, and reads of the rows the doc talks about.
import { io, type Socket } from 'socket.io-client'
import type { Database } from '@/db/client'
import type { createGatewayDeviceDriver } from '@/server/devices/dispatch/gateway-device-driver'

export type Reply = { data?: Record<string, unknown>; error?: { code: string; message: string } }

/** Connects without socket.io's own reconnection, so a test decides when to come back. */
export function connectDocAgent(url: string, token: string, sockets: Socket[]): Promise<Socket> {
  const socket = io(`${url}/devices`, { auth: { token }, transports: ['websocket'], reconnection: false })
  sockets.push(socket)
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', reject)
  })
}

export const docHello = (tags: string[], extra: Record<string, unknown> = {}) => ({
  protocol: 1,
  agentVersion: 'mini/1.0',
  tags,
  maxConcurrency: 2,
  actions: [{ name: 'echo' }],
  running: [],
  finished: [],
  ...extra,
})

export const send = (socket: Socket, event: string, payload: unknown) =>
  socket.timeout(10_000).emitWithAck(event, payload) as Promise<Reply>

type Driver = ReturnType<typeof createGatewayDeviceDriver>

export function dispatchEcho(driver: Driver, deviceId: string, commandId = `doc-${Date.now()}-${Math.random()}`) {
  return driver.dispatch({
    commandId,
    action: 'echo',
    params: { hi: 'there' },
    target: { deviceId },
    timeoutMs: 20_000,
    signal: new AbortController().signal,
  })
}

export async function deviceStatus(database: Database, deviceId: string): Promise<string | undefined> {
  const [row] = await database.sql<{ status: string }[]>`SELECT status FROM devices WHERE id = ${deviceId}`
  return row?.status
}

export async function commandRow(database: Database, commandId: string) {
  const [row] = await database.sql<{ status: string; output: unknown; error: { code: string } | null }[]>`
    SELECT status, output, error FROM device_commands WHERE id = ${commandId}`
  return row
}

/** Answers every new `command:run` with `answer` and records the command ids. */
export function acceptCommands(socket: Socket, answer: unknown = { data: { accepted: true } }): string[] {
  const ids: string[] = []
  socket.on('command:run', (command: { commandId: string }, ack: (reply: unknown) => void) => {
    // The same id may be delivered again; it is not run twice (docs/device-protocol.md §5).
    if (ids.includes(command.commandId)) return ack({ data: { accepted: true, duplicate: true } })
    ids.push(command.commandId)
    ack(answer)
  })
  return ids
}

/** Heartbeats every `ms` as the doc says, until the socket disconnects. */
export function keepHeartbeating(socket: Socket, ms: number): void {
  const timer = setInterval(() => socket.emit('device:heartbeat', { load: 0 }), ms)
  socket.once('disconnect', () => clearInterval(timer))
}
