// The hints /live sends besides run events, over real sockets and a real PostgreSQL: a watched
// step's new log lines and progress reach its viewers as `step.activity` (and nobody else's), and
// the fleet and monitoring rooms hear `room.changed` when what their pages show changes.
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { sql } from 'drizzle-orm'
import { Server } from 'socket.io'
import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDeviceToken, setDraining } from '@/server/devices/fleet/device-admin'
import { appendLogLines, recordProgress } from '@/server/devices/gateway/gateway-commands'
import { createLogger } from '@/server/platform/logger'
import { resumeStep } from '@/server/runner/run-store'
import { createRunnerHarness, echoStep, startTestRun, waitForRun } from '@/server/testing/runner-test-kit'
import type { ClientToServerEvents, LiveRoom, PulseRoom, ServerToClientEvents, SubscribeAck } from '@/contracts/live-contract'
import { attachLiveNamespace } from './live-namespace'

const { database, clock } = createRunnerHarness()
type Client = Socket<ServerToClientEvents, ClientToServerEvents>
let http: HttpServer
let io: Server
let stopLive: () => Promise<void>
let url = ''
const clients: Client[] = []

beforeAll(async () => {
  http = createServer()
  io = new Server(http, { path: '/socket.io' })
  stopLive = attachLiveNamespace(io, { db: database.db, sql: database.sql, logger: createLogger('silent') }).stop
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/live`
})
afterAll(async () => {
  for (const client of clients) client.disconnect()
  await stopLive()
  await io.close()
})

async function subscribed(room: LiveRoom) {
  const socket: Client = connect(url, { path: '/socket.io', transports: ['websocket'], forceNew: true })
  clients.push(socket)
  const activity: string[] = []
  const pulses: PulseRoom[] = []
  socket.on('step.activity', (m) => activity.push(...m.stepIds.map((s) => `${m.executionId}/${s}`)))
  socket.on('room.changed', (m) => pulses.push(m.room))
  const ack = await new Promise<SubscribeAck>((resolve) => socket.emit('subscribe', { room }, resolve))
  expect(ack.ok).toBe(true)
  return { activity, pulses }
}

const gated = {
  name: 'Live activity',
  steps: [{ id: 'gate', name: 'gate', type: 'wait', wait: { kind: 'signal', signal: 'go' } }, echoStep('after', { dependencies: ['gate'] })],
}

/** A device command belonging to `stepId` of the run, the way the runner names them. */
async function commandFor(executionId: string, stepId: string) {
  const run = await waitForRun(database, executionId, (r) => r.statuses[stepId] === 'waiting')
  const stepRowId = run.steps[stepId]!.id
  const { deviceId } = await createDeviceToken(database.db, { name: `activity-${Date.now()}`, tags: [] })
  const commandId = `${stepRowId}:1`
  await database.db.execute(sql`INSERT INTO device_commands (id, device_id, step_execution_id, attempt, action, status)
      VALUES (${commandId}, ${deviceId}, ${stepRowId}, 1, 'echo', 'running')`)
  return { deviceId, commandId }
}

describe('/live activity hints', () => {
  it('tells a run’s viewers which step has new log lines or progress, and not other runs’ viewers', async () => {
    const watched = await startTestRun(database, clock, gated)
    const other = await startTestRun(database, clock, gated)
    const viewer = await subscribed(`execution:${watched.executionId}`)
    const bystander = await subscribed(`execution:${other.executionId}`)
    const { deviceId, commandId } = await commandFor(watched.executionId, 'gate')

    expect(await appendLogLines(database.db, deviceId, { commandId, stream: 'stdout', lines: ['one', 'two'] })).toBe(true)
    await expect.poll(() => viewer.activity, { timeout: 15_000 }).toContain(`${watched.executionId}/gate`)

    viewer.activity.length = 0
    expect(await recordProgress(database.db, deviceId, { commandId, percent: 50 })).toBe(true)
    await expect.poll(() => viewer.activity, { timeout: 15_000 }).toContain(`${watched.executionId}/gate`)
    expect(bystander.activity).toEqual([])

    await resumeStep({ db: database.db, clock }, { id: watched.executionId, stepId: 'gate', signal: 'go' })
    await resumeStep({ db: database.db, clock }, { id: other.executionId, stepId: 'gate', signal: 'go' })
  })

  it('tells a page that joins the fleet room once, after a read that follows its join, so a device registered meanwhile is not missed', async () => {
    // The page has fetched the fleet; the device registers before this node's first fingerprint.
    const fleet = await subscribed('fleet')
    await createDeviceToken(database.db, { name: `joiner-${Date.now()}`, tags: [] })
    await expect.poll(() => fleet.pulses, { timeout: 15_000 }).toEqual(['fleet'])
  })

  it('pulses the fleet room when a device starts draining, and the monitoring room when a run ends', async () => {
    const fleet = await subscribed('fleet')
    const monitoring = await subscribed('monitoring')
    const { deviceId } = await createDeviceToken(database.db, { name: `pulse-${Date.now()}`, tags: [] })
    // Each newcomer hears one pulse after the first read that follows its join; later ones mean change.
    await expect.poll(() => fleet.pulses, { timeout: 15_000 }).toEqual(['fleet'])
    await expect.poll(() => monitoring.pulses, { timeout: 15_000 }).toEqual(['monitoring'])
    fleet.pulses.length = 0
    await setDraining(database.db, deviceId, true)
    await expect.poll(() => fleet.pulses, { timeout: 15_000 }).toContain('fleet')

    const { executionId } = await startTestRun(database, clock, gated)
    await waitForRun(database, executionId, (r) => r.statuses.gate === 'waiting')
    monitoring.pulses.length = 0
    await resumeStep({ db: database.db, clock }, { id: executionId, stepId: 'gate', signal: 'go' })
    await expect.poll(() => monitoring.pulses, { timeout: 15_000 }).toContain('monitoring')
  })
})
