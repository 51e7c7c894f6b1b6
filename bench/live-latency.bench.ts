// Benchmark: state commit -> browser socket latency on /live with 200 subscribed socket.io clients
// while ~200 step transitions per second happen (budget p99 < 100 ms). Clients run in this process
// over real websockets; an event's `at` is the time its transaction decided it (before commit).
// Run: `npm run bench -- live-latency` or `npx tsx bench/live-latency.bench.ts`.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { Server } from 'socket.io'
import { io as connect, type Socket } from 'socket.io-client'
import { connectDatabase } from '../db/client'
import type { DeviceDriver } from '../server/runner/ports'
import { createDemoFleet } from '../server/devices/fleet/demo-fleet'
import { createLogger } from '../server/platform/logger'
import type { ClientToServerEvents, ServerToClientEvents } from '../contracts/live-contract'
import { attachLiveNamespace } from '../server/realtime/live-namespace'
import { startRun } from '../server/runner/run-store'
import { startRunner } from '../server/runner/runner'
import { stepSecrets } from '../server/secrets/step-secrets'
import { createWorkflow } from '../server/workflows/workflow-store'
import { freshDatabase, percentile } from './bench-database'

const CLIENTS = Number(process.env.BENCH_LIVE_CLIENTS ?? 200)
const RUNS = 40
const STEPS = 40
const STEP_MS = 200 // 40 runs each finishing a step every ~200 ms: ~200 step transitions/s
const ROOMS_PER_CLIENT = 5
const clock = { now: () => new Date() }

export async function run(): Promise<Record<string, unknown>> {
  const target = await freshDatabase('live')
  const database = connectDatabase(target.url, { max: 10 })
  const http = createServer()
  const io = new Server(http, { path: '/socket.io' })
  const live = attachLiveNamespace(io, { db: database.db, sql: database.sql, logger: createLogger('warn') })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/live`
  const fleet = createDemoFleet({
    latencyScale: 0,
    devices: [{ id: 'bench', name: 'Bench', tags: [], latencyMs: 0, maxConcurrency: 1000 }],
  })
  const devices: DeviceDriver = {
    matchDevices: (t, a) => fleet.matchDevices(t, a),
    dispatch: async (request) => {
      await new Promise((resolve) => setTimeout(resolve, STEP_MS * (0.75 + Math.random() / 2)))
      return fleet.dispatch(request)
    },
  }
  const runner = startRunner({
    db: database.db,
    sql: database.sql,
    clock,
    logger: createLogger('warn'),
    drivers: { devices },
    secrets: stepSecrets,
    pollMs: 50,
  })
  const clients: Socket<ServerToClientEvents, ClientToServerEvents>[] = []
  const latencies: number[] = []
  let transitions = 0
  try {
    const flow = await createWorkflow(
      { db: database.db, clock },
      {
        definition: {
          name: 'Bench live',
          steps: Array.from({ length: STEPS }, (_, i) => ({
            id: `s${i}`,
            name: `s${i}`,
            type: 'command',
            action: 'echo',
            ...(i > 0 ? { dependencies: [`s${i - 1}`] } : {}),
          })),
        },
      },
    )
    const ids: string[] = []
    for (let i = 0; i < RUNS; i++)
      ids.push((await startRun({ db: database.db, clock }, { workflowId: flow.workflowId })).executionId)
    let measuring = false
    for (let c = 0; c < CLIENTS; c++) {
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, {
        path: '/socket.io',
        transports: ['websocket'],
        forceNew: true,
      })
      clients.push(socket)
      socket.on('run.events', (message) => {
        if (!measuring) return
        const now = Date.now()
        for (const event of message.events) latencies.push(now - new Date(event.at).getTime())
      })
      for (let r = 0; r < ROOMS_PER_CLIENT; r++)
        socket.emit('subscribe', { room: `execution:${ids[(c * ROOMS_PER_CLIENT + r) % RUNS]}` }, () => {})
    }
    await new Promise((resolve) => setTimeout(resolve, 2000)) // connections settle, runs get going
    const [before] = await database.sql<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM execution_events WHERE type LIKE 'step.%'`
    measuring = true
    const seconds = 8
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000))
    measuring = false
    const [after] = await database.sql<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM execution_events WHERE type LIKE 'step.%'`
    transitions = ((after?.n ?? 0) - (before?.n ?? 0)) / seconds
    latencies.sort((a, b) => a - b)
    return {
      name: 'live-latency',
      workload: `${CLIENTS} socket.io clients, each watching ${ROOMS_PER_CLIENT} of ${RUNS} runs; runs finish a step every ~${STEP_MS} ms`,
      stepTransitionsPerSecond: Math.round(transitions),
      deliveries: latencies.length,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies.at(-1) ?? 0,
      budget: { p99Ms: 100 },
    }
  } finally {
    for (const socket of clients) socket.disconnect()
    await runner.stop()
    await live.stop()
    await io.close()
    await database.close()
    await target.drop()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await run(), null, 2))
}
