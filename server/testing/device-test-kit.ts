// Helpers for device integration tests: a real gateway on a real HTTP port, a driver, devices with
// tokens, and agent processes started through the CLI launcher like an operator would.
import { createFlaggedDevices } from '@/server/metrics/flagged-devices'
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:http'
import path from 'node:path'
import { afterAll } from 'vitest'
import type { Database } from '@/db/client'
import { createLogger } from '@/server/platform/logger'
import { createSocketServer } from '@/server/realtime/socket-server'
import { createDeviceToken } from '@/server/devices/fleet/device-admin'
import { startDeviceGateway, type DeviceGatewayOptions } from '@/server/devices/gateway/gateway'
import { createGatewayDeviceDriver } from '@/server/devices/dispatch/gateway-device-driver'

export const FAST_GATEWAY = {
  heartbeatMs: 200,
  offlineAfterMs: 1000,
  lostGraceMs: 300,
  pollMs: 200,
  sweepMs: 100,
}

export async function startTestGateway(database: Database, options: Partial<DeviceGatewayOptions> = {}) {
  const httpServer = createServer((_req, res) => res.writeHead(404).end())
  const io = createSocketServer(httpServer)
  const gateway = startDeviceGateway({
    io,
    db: database.db,
    sql: database.sql,
    logger: createLogger('silent'),
    ...FAST_GATEWAY,
    ...options,
  })
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
  const address = httpServer.address()
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  return {
    url,
    gateway,
    /** The socket.io server, for tests that need to step into the transport. */
    io,
    /** Drops a device's connection from the server side, as a network failure would. */
    dropConnection(deviceId: string) {
      for (const socket of io.of('/devices').sockets.values())
        if ((socket.data as { deviceId?: string }).deviceId === deviceId) socket.conn.close()
    },
    stop: async () => {
      await gateway.stop()
      await new Promise<void>((resolve) => void io.close(() => resolve()))
    },
  }
}

export async function startTestDriver(database: Database) {
  const driver = createGatewayDeviceDriver({
    db: database.db,
    sql: database.sql,
    logger: createLogger('silent'),
    pollMs: 100,
    snapshotMs: 200,
    flaggedDevices: createFlaggedDevices({ db: database.db, clock: { now: () => new Date() } }),
  })
  await driver.start()
  return driver
}

export function uniqueTag(prefix = 't'): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`
}

export function createTestDevice(database: Database, name = uniqueTag('device'), tags: string[] = []) {
  return createDeviceToken(database.db, { name, tags })
}

const launcher = path.resolve('agent/bin/relayflow-agent')
const spawned: ChildProcess[] = []

/** Kills every agent process a test file started. Call once per file. */
export function killAgentsAfterAll(): void {
  afterAll(() => {
    for (const child of spawned) if (child.exitCode === null) child.kill('SIGKILL')
  })
}

export interface AgentProcess {
  child: ChildProcess
  /** Every JSON log line the agent printed so far. */
  lines: Record<string, unknown>[]
  waitFor(
    predicate: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>
}

/** Starts `relayflow-agent` as a child process and waits for its first hello. */
export function spawnAgent(url: string, token: string, args: string[] = []): Promise<AgentProcess> {
  return spawnAgentWithArgs(['--server', url, '--token', token, ...args])
}

/** `relayflow-agent <args>` through the package's bin launcher, as `npx relayflow-agent` runs it. */
export async function spawnAgentWithArgs(args: string[]): Promise<AgentProcess> {
  const child = spawn(process.execPath, [launcher, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  spawned.push(child)
  const lines: Record<string, unknown>[] = []
  const listeners = new Set<() => void>()
  let buffered = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    const parts = (buffered + chunk.toString()).split('\n')
    buffered = parts.pop() ?? ''
    for (const part of parts) if (part.trim()) lines.push(JSON.parse(part) as Record<string, unknown>)
    for (const listener of listeners) listener()
  })
  const agent: AgentProcess = {
    child,
    lines,
    waitFor: (predicate, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.find(predicate)
          if (!found) return
          cleanup()
          resolve(found)
        }
        const timer = setTimeout(() => {
          cleanup()
          reject(new Error(`agent never logged the expected line; got ${JSON.stringify(lines)}`))
        }, timeoutMs)
        const cleanup = () => {
          clearTimeout(timer)
          listeners.delete(check)
        }
        listeners.add(check)
        check()
      }),
  }
  await agent.waitFor((line) => line.msg === 'connected')
  return agent
}
