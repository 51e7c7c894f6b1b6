// A run executed by a separate runner process is watched live through this process's /live
// namespace: the only link between them is PostgreSQL (committed NOTIFYs and the event rows).
import type { ChildProcess } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'
import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { createLogger } from '@/server/platform/logger'
import { createTestClock, loadRun, startTestRun, waitForRun } from '@/server/testing/runner-test-kit'
import { spawnRunnerProcess } from '@/server/testing/spawn-runner-process'
import { connectTestDatabase } from '@/server/testing/test-api'
import type { ClientToServerEvents, LiveRunEvent, ServerToClientEvents, SubscribeAck } from '@/contracts/live-contract'
import { attachLiveNamespace } from './live-namespace'

const database = connectTestDatabase()
const clock = createTestClock()
let runner: ChildProcess | undefined
let socket: Socket<ServerToClientEvents, ClientToServerEvents> | undefined
const http = createServer()
const io = new Server(http, { path: '/socket.io' })
const live = attachLiveNamespace(io, { db: database.db, sql: database.sql, logger: createLogger('silent') })

afterAll(async () => {
  socket?.disconnect()
  runner?.kill('SIGTERM')
  await live.stop()
  await io.close()
  await database.close()
})

describe('live view across processes', () => {
  it('streams every event of a run that another process executes', async () => {
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    // Start the run before any runner exists, so every step executes in the other process.
    const { executionId } = await startTestRun(database, clock, {
      name: 'Two processes',
      steps: [0, 1, 2].map((i) => ({
        id: `s${i}`,
        name: `s${i}`,
        type: 'command',
        action: 'sleep',
        params: { ms: 100 },
        ...(i > 0 ? { dependencies: [`s${i - 1}`] } : {}),
      })),
    })
    const seen: LiveRunEvent[] = []
    socket = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}/live`, {
      path: '/socket.io',
      transports: ['websocket'],
    })
    socket.on('run.events', (m) => seen.push(...m.events))
    const ack = await new Promise<SubscribeAck>((resolve) =>
      socket!.emit('subscribe', { room: `execution:${executionId}` }, resolve),
    )
    if (ack.ok) seen.push(...(ack.events ?? []))
    runner = await spawnRunnerProcess({
      databaseUrl: inject('databaseUrl'),
      owner: 'live-remote',
      env: { RUNNER_POLL_MS: '50', DEMO_LATENCY_SCALE: '0' },
    })
    const done = await waitForRun(database, executionId, undefined, 20_000)
    expect(done.execution.status).toBe('succeeded')
    const truth = (await loadRun(database, executionId)).events.map((e) => e.seq)
    await expect.poll(() => [...new Set(seen.map((e) => e.seq))].sort((a, b) => a - b), { timeout: 5000 }).toEqual(truth)
    expect(seen.filter((e) => e.type === 'step.running').map((e) => e.payload.owner)).toContain('live-remote')
  }, 40_000)
})
