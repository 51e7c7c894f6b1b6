// Benchmark: commands through the device gateway to agents in another process. Round-trip latency
// (dispatch -> agent runs echo -> result back through Postgres) for sequential commands to one
// remote agent, dispatch latency (command row committed -> agent receives it), and commands/s with
// many in flight across 20 agent connections. Gateway and driver run in this process, agents in a child.
// Run: `npm run bench -- device-dispatch` or `npx tsx bench/device-dispatch.bench.ts`.
import { createFlaggedDevices } from '../server/metrics/flagged-devices'
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:http'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { connectDatabase } from '../db/client'
import { createDeviceToken } from '../server/devices/fleet/device-admin'
import type { DeviceDriver } from '../server/runner/ports'
import { startDeviceGateway } from '../server/devices/gateway/gateway'
import { createGatewayDeviceDriver } from '../server/devices/dispatch/gateway-device-driver'
import { createLogger } from '../server/platform/logger'
import { createSocketServer } from '../server/realtime/socket-server'
import { freshDatabase } from './bench-database'

const SEQUENTIAL = Number(process.env.BENCH_DEVICE_SEQUENTIAL ?? 300)
const THROUGHPUT_COMMANDS = Number(process.env.BENCH_DEVICE_COMMANDS ?? 3000)
const IN_FLIGHT = Number(process.env.BENCH_DEVICE_IN_FLIGHT ?? 200)
const AGENTS = 20
const AGENT_CONCURRENCY = 32
const here = path.dirname(fileURLToPath(import.meta.url))

/** One child process holding one agent connection per token; each echo notes when it arrived. */
function spawnAgents(serverUrl: string, tokens: { token: string; tag: string }[]): Promise<ChildProcess> {
  const sdk = pathToFileURL(path.join(here, '..', 'agent', 'index.ts')).href
  const script = `
    import { z } from 'zod'
    import { createAgent } from ${JSON.stringify(sdk)}
    const tokens = JSON.parse(process.env.BENCH_TOKENS)
    await Promise.all(tokens.map(({ token, tag }) =>
      createAgent({ server: ${JSON.stringify(serverUrl)}, token, tags: [tag], concurrency: ${AGENT_CONCURRENCY}, builtinActions: false })
        .action('echo', z.record(z.string(), z.unknown()), (params) => ({ ...params, receivedAt: Date.now() }))
        .start()))
    process.stdout.write('agents ready\\n')`
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: path.join(here, '..'),
    env: { ...process.env, BENCH_TOKENS: JSON.stringify(tokens) },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`agent process exited with ${code}`)))
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('agents ready') && resolve(child))
  })
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const pick = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0
  const round = (n: number) => Number(n.toFixed(2))
  return {
    samples: sorted.length,
    p50Ms: round(pick(50)),
    p99Ms: round(pick(99)),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
  }
}

let counter = 0
async function echo(driver: DeviceDriver, tag: string, deviceId?: string) {
  const started = performance.now()
  const sentAt = Date.now()
  const result = await driver.dispatch({
    commandId: `bench-${process.pid}-${counter++}`,
    action: 'echo',
    params: {},
    target: deviceId ? { deviceId } : { selector: { tags: [tag] } },
    timeoutMs: 60_000,
    signal: new AbortController().signal,
  })
  if (!result.ok) throw new Error(`bench command failed: ${result.error.message}`)
  const receivedAt = (result.output as { receivedAt: number }).receivedAt
  return { roundTripMs: performance.now() - started, toDeviceMs: receivedAt - sentAt }
}

export async function run(): Promise<Record<string, unknown>> {
  const target = await freshDatabase('devices')
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
  let agents: ChildProcess | undefined
  try {
    await driver.start()
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
    const address = httpServer.address()
    const serverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    const tag = 'bench'
    const devices = await Promise.all(
      Array.from({ length: AGENTS }, (_, i) =>
        createDeviceToken(database.db, { name: `bench-${i}`, tags: [tag] }),
      ),
    )
    agents = await spawnAgents(
      serverUrl,
      devices.map((d) => ({ token: d.token, tag })),
    )
    while (driver.matchDevices({ selector: { tags: [tag] } }, 'echo').length < AGENTS)
      await new Promise((r) => setTimeout(r, 50))

    const one = devices[0]?.deviceId
    for (let i = 0; i < 20; i++) await echo(driver, tag, one) // warm-up
    const sequential: { roundTripMs: number; toDeviceMs: number }[] = []
    for (let i = 0; i < SEQUENTIAL; i++) sequential.push(await echo(driver, tag, one))

    let next = 0
    const started = performance.now()
    const loaded: { roundTripMs: number; toDeviceMs: number }[] = []
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next++ < THROUGHPUT_COMMANDS) loaded.push(await echo(driver, tag))
      }),
    )
    const seconds = (performance.now() - started) / 1000
    return {
      name: 'device-dispatch',
      sequential: {
        workload: `${SEQUENTIAL} echo commands one after another to one agent in another process`,
        roundTrip: percentiles(sequential.map((s) => s.roundTripMs)),
        dispatchToDevice: percentiles(sequential.map((s) => s.toDeviceMs)),
      },
      throughput: {
        workload: `${THROUGHPUT_COMMANDS} echo commands, ${IN_FLIGHT} in flight, least-loaded over ${AGENTS} agent connections (concurrency ${AGENT_CONCURRENCY} each) in another process`,
        commandsPerSecond: Number((THROUGHPUT_COMMANDS / seconds).toFixed(1)),
        seconds: Number(seconds.toFixed(2)),
        roundTrip: percentiles(loaded.map((s) => s.roundTripMs)),
      },
      budget: { dispatchToDeviceP50Ms: 5, dispatchToDeviceP99Ms: 25 },
    }
  } finally {
    agents?.removeAllListeners('exit')
    agents?.kill('SIGKILL')
    await driver.stop()
    await gateway.stop()
    await new Promise<void>((resolve) => void io.close(() => resolve()))
    await database.close()
    await target.drop()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await run(), null, 2))
}
