// The /live namespace over real socket.io connections and a real PostgreSQL: a subscriber sees a
// run's transitions as they commit, catches up after a disconnect from its last seq, and a second
// server node (its own socket.io server and feed on the same database) delivers the same events.
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'
import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '@/server/platform/logger'
import { resumeStep } from '@/server/runner/run-store'
import { createRunnerHarness, echoStep, loadRun, startTestRun, waitForRun } from '@/server/testing/runner-test-kit'
import type { ClientToServerEvents, LiveRunEvent, LiveRunSummary, ServerToClientEvents, SubscribeAck } from '@/contracts/live-contract'
import { attachLiveNamespace } from './live-namespace'
import { DEEP_VALUE_MARKER } from '@/contracts/json-guard'

const { database, clock } = createRunnerHarness()
type Client = Socket<ServerToClientEvents, ClientToServerEvents>
const nodes: { http: HttpServer; io: Server; stop: () => Promise<void>; url: string }[] = []
const clients: Client[] = []

async function startNode() {
  const http = createServer()
  const io = new Server(http, { path: '/socket.io' })
  const live = attachLiveNamespace(io, { db: database.db, sql: database.sql, logger: createLogger('silent') })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const node = { http, io, stop: live.stop, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/live` }
  nodes.push(node)
  return node
}

beforeAll(async () => {
  await startNode()
  await startNode()
})
afterAll(async () => {
  for (const client of clients) client.disconnect()
  for (const node of nodes) {
    await node.stop()
    await node.io.close()
  }
})

/** A client that applies events in seq order the way the run view does, resubscribing from its last seq. */
function watch(url: string, executionId: string) {
  const socket: Client = connect(url, { path: '/socket.io', transports: ['websocket'], forceNew: true })
  clients.push(socket)
  const seen: LiveRunEvent[] = []
  const changes: LiveRunSummary[] = []
  const apply = (events: LiveRunEvent[]) => {
    for (const e of events) if (e.seq === (seen.at(-1)?.seq ?? 0) + 1) seen.push(e)
  }
  const subscribe = () =>
    socket.emit('subscribe', { room: `execution:${executionId}`, afterSeq: seen.at(-1)?.seq ?? 0 }, (ack: SubscribeAck) => {
      if (ack.ok) apply(ack.events ?? [])
    })
  socket.on('connect', subscribe)
  socket.on('run.events', (m) => {
    if (m.executionId !== executionId) return
    const expected = (seen.at(-1)?.seq ?? 0) + 1
    if ((m.events[0]?.seq ?? expected) > expected) subscribe() // a gap: catch up from the database
    else apply(m.events)
  })
  socket.on('run.changed', (run) => changes.push(run))
  return { socket, seen, changes, types: () => seen.map((e) => `${e.type}${e.stepId ? `:${e.stepId}` : ''}`) }
}

async function dbEventTypes(executionId: string) {
  return (await loadRun(database, executionId)).events.map((e) => `${e.type}${e.stepId ? `:${e.stepId}` : ''}`)
}

const gated = {
  name: 'Live',
  steps: [
    echoStep('first'),
    { id: 'gate', name: 'gate', type: 'wait', wait: { kind: 'signal', signal: 'go' }, dependencies: ['first'] },
    echoStep('last', { dependencies: ['gate'] }),
  ],
}

describe('/live namespace', () => {
  it('streams a run transition by transition and ends equal to the database', async () => {
    const { executionId } = await startTestRun(database, clock, gated)
    const viewer = watch(nodes[0]!.url, executionId)
    await expect.poll(() => viewer.types(), { timeout: 5000 }).toContain('step.waiting:gate')
    await resumeStep({ db: database.db, clock }, { id: executionId, stepId: 'gate', signal: 'go' })
    await waitForRun(database, executionId)
    await expect.poll(() => viewer.types(), { timeout: 5000 }).toContain('run.succeeded')
    expect(viewer.types()).toEqual(await dbEventTypes(executionId))
    await expect.poll(() => viewer.changes.map((c) => c.status), { timeout: 5000 }).toContain('succeeded')
  })

  it('a client that was offline catches up from its last seq; another node serves the same run', async () => {
    const { executionId } = await startTestRun(database, clock, gated)
    const viewer = watch(nodes[0]!.url, executionId)
    const other = watch(nodes[1]!.url, executionId)
    await expect.poll(() => viewer.types(), { timeout: 5000 }).toContain('step.waiting:gate')
    viewer.socket.disconnect()
    await resumeStep({ db: database.db, clock }, { id: executionId, stepId: 'gate', signal: 'go' })
    await waitForRun(database, executionId)
    const truth = await dbEventTypes(executionId)
    await expect.poll(() => other.types(), { timeout: 5000 }).toEqual(truth)
    expect(viewer.types()).not.toContain('run.succeeded')
    viewer.socket.connect()
    await expect.poll(() => viewer.types(), { timeout: 5000 }).toEqual(truth)
  })

  it('refuses malformed rooms and unknown runs with an error naming the problem', async () => {
    const socket: Client = connect(nodes[0]!.url, { path: '/socket.io', transports: ['websocket'], forceNew: true })
    clients.push(socket)
    const ask = (request: unknown) =>
      new Promise<SubscribeAck>((resolve) => socket.emit('subscribe', request as never, resolve))
    const bad = await ask({ room: 'execution:not-a-uuid' })
    expect(bad).toMatchObject({ ok: false })
    expect(!bad.ok && bad.error).toContain('room')
    const missing = await ask({ room: 'execution:00000000-0000-4000-8000-000000000000' })
    expect(!missing.ok && missing.error).toContain('does not exist')
    expect(await ask({ room: 'runs' })).toEqual({ ok: true, room: 'runs' })
  })

  it('catches up on a run whose event payload was stored 2,500 deep before the JSON guard, cut with a marker', async () => {
    const { executionId } = await startTestRun(database, clock, gated)
    await waitForRun(database, executionId, (r) => r.statuses.gate === 'waiting')
    const deep = '{"a":'.repeat(2500) + '1' + '}'.repeat(2500)
    await database.sql.unsafe(
      `INSERT INTO execution_events (execution_id, seq, type, step_id, payload)
       SELECT id, last_seq + 1, 'step.log', 'first', jsonb_build_object('output', $1::jsonb) FROM executions WHERE id = $2`,
      [deep, executionId],
    )
    await database.sql`UPDATE executions SET last_seq = last_seq + 1 WHERE id = ${executionId}`
    const viewer = watch(nodes[0]!.url, executionId)
    await expect.poll(() => viewer.seen.some((e) => JSON.stringify(e.payload).includes(DEEP_VALUE_MARKER))).toBe(true)
    await resumeStep({ db: database.db, clock }, { id: executionId, stepId: 'gate', signal: 'go' })
  })
})
