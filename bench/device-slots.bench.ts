// Benchmark: more dispatches than device slots. 50 dispatchers keep echo commands (65 ms each, the
// command time measured in the per-run-speed issue) going against one agent in another process with
// 4 slots, so every command queues. Reports the hand-off (a slot freeing on the agent -> the next
// command arriving there), the slot utilisation, and the queue wait's spread (FIFO keeps p99 near p50).
// Run: `npm run bench -- device-slots` or `npx tsx bench/device-slots.bench.ts`.
import { createFlaggedDevices } from '../server/metrics/flagged-devices'
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:http'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { connectDatabase } from '../db/client'
import { createDeviceToken } from '../server/devices/fleet/device-admin'
import { startDeviceGateway } from '../server/devices/gateway/gateway'
import { createGatewayDeviceDriver } from '../server/devices/dispatch/gateway-device-driver'
import { createLogger } from '../server/platform/logger'
import { createSocketServer } from '../server/realtime/socket-server'
import { freshDatabase } from './bench-database'

const DISPATCHERS = Number(process.env.BENCH_SLOTS_DISPATCHERS ?? 50)
const COMMANDS = Number(process.env.BENCH_SLOTS_COMMANDS ?? 600)
const SLOTS = 4
const COMMAND_MS = 65
const here = path.dirname(fileURLToPath(import.meta.url))

/** One agent with SLOTS slots in a child process; `work` sleeps COMMAND_MS and reports when it ran. */
function spawnAgent(serverUrl: string, token: string): Promise<ChildProcess> {
  const sdk = pathToFileURL(path.join(here, '..', 'agent', 'index.ts')).href
  const script = `
    import { z } from 'zod'
    import { createAgent } from ${JSON.stringify(sdk)}
    await createAgent({ server: ${JSON.stringify(serverUrl)}, token: process.env.BENCH_TOKEN, tags: ['slots'], concurrency: ${SLOTS}, builtinActions: false })
      .action('work', z.record(z.string(), z.unknown()), async () => {
        const startedAt = Date.now()
        await new Promise((resolve) => setTimeout(resolve, ${COMMAND_MS}))
        return { startedAt, endedAt: Date.now() }
      })
      .start()
    process.stdout.write('agent ready\\n')`
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: path.join(here, '..'),
    env: { ...process.env, BENCH_TOKEN: token },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`agent process exited with ${code}`)))
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('agent ready') && resolve(child))
  })
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const pick = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0
  const mean = sorted.reduce((sum, n) => sum + n, 0) / Math.max(1, sorted.length)
  const round = (n: number) => Number(n.toFixed(1))
  return {
    samples: sorted.length,
    meanMs: round(mean),
    p50Ms: round(pick(50)),
    p99Ms: round(pick(99)),
    maxMs: round(sorted.at(-1) ?? 0),
  }
}

/** Pairs each start with the oldest slot freed before it (a slot frees when a command ends). */
function handoffs(runs: { startedAt: number; endedAt: number }[]): number[] {
  const events = runs.flatMap((r) => [
    { at: r.startedAt, start: true },
    { at: r.endedAt, start: false },
  ])
  events.sort((a, b) => a.at - b.at || (a.start ? 1 : -1))
  const freed: number[] = []
  const gaps: number[] = []
  for (const e of events) {
    if (!e.start) freed.push(e.at)
    else {
      const since = freed.shift()
      if (since !== undefined) gaps.push(e.at - since)
    }
  }
  return gaps
}

export async function run(): Promise<Record<string, unknown>> {
  const target = await freshDatabase('slots')
  const database = connectDatabase(target.url, { max: 10 })
  const logger = createLogger('warn')
  const httpServer = createServer((_req, res) => res.writeHead(404).end())
  const io = createSocketServer(httpServer)
  const gateway = startDeviceGateway({ io, db: database.db, sql: database.sql, logger })
  const driver = createGatewayDeviceDriver({
    db: database.db,
    sql: database.sql,
    logger,
    flaggedDevices: createFlaggedDevices({ db: database.db, clock: { now: () => new Date() } }),
  })
  let agent: ChildProcess | undefined
  try {
    await driver.start()
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
    const address = httpServer.address()
    const serverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    const device = await createDeviceToken(database.db, { name: 'slots', tags: ['slots'] })
    agent = await spawnAgent(serverUrl, device.token)
    while (driver.matchDevices({ deviceId: device.deviceId }, 'work').length < 1)
      await new Promise((r) => setTimeout(r, 50))

    let counter = 0
    const runs: { startedAt: number; endedAt: number }[] = []
    const waits: number[] = []
    let next = 0
    const started = performance.now()
    await Promise.all(
      Array.from({ length: DISPATCHERS }, async () => {
        while (next++ < COMMANDS) {
          const dispatchedAt = Date.now()
          const result = await driver.dispatch({
            commandId: `slots-${process.pid}-${counter++}`,
            action: 'work',
            params: {},
            target: { deviceId: device.deviceId },
            timeoutMs: 600_000,
            signal: new AbortController().signal,
          })
          if (!result.ok) throw new Error(`bench command failed: ${result.error.message}`)
          const ran = result.output as { startedAt: number; endedAt: number }
          runs.push(ran)
          waits.push(ran.startedAt - dispatchedAt)
        }
      }),
    )
    const seconds = (performance.now() - started) / 1000
    const ideal = SLOTS / (COMMAND_MS / 1000)
    return {
      name: 'device-slots',
      workload: `${COMMANDS} commands of ${COMMAND_MS} ms from ${DISPATCHERS} dispatchers onto one agent (another process) with ${SLOTS} slots`,
      commandsPerSecond: Number((COMMANDS / seconds).toFixed(1)),
      idealCommandsPerSecond: Number(ideal.toFixed(1)),
      slotUtilisation: Number((COMMANDS / seconds / ideal).toFixed(3)),
      handoff: percentiles(handoffs(runs)),
      queueWait: percentiles(waits),
    }
  } finally {
    agent?.removeAllListeners('exit')
    agent?.kill('SIGKILL')
    await driver.stop()
    await gateway.stop()
    await new Promise<void>((resolve) => void io.close(() => resolve()))
    await database.close()
    await target.drop()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await run(), null, 2))
}
