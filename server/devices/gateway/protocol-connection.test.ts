// docs/device-protocol.md and the gateway agree on connections (issue 15 §4): a device marked offline
// for silence comes back online when it heartbeats again; its commands get the lost grace counted
// from the moment it went offline; events socket.io buffered while disconnected are answered
// hello_required without closing the connection; `replaced` is survivable; and the doc's §8 sample
// agent, run as it is printed, reconnects and resends its results.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Socket } from 'socket.io-client'
import { connectTestDatabase } from '@/server/testing/test-api'
import { createTestDevice, startTestDriver, startTestGateway, uniqueTag } from '@/server/testing/device-test-kit'
import {
  acceptCommands,
  commandRow,
  connectDocAgent,
  deviceStatus,
  dispatchEcho,
  docHello,
  keepHeartbeating,
  send,
  type Reply,
} from '@/server/testing/doc-agent-kit'

const LOST_GRACE_MS = 5000
const database = connectTestDatabase()
let gateway: Awaited<ReturnType<typeof startTestGateway>>
let driver: Awaited<ReturnType<typeof startTestDriver>>
const sockets: Socket[] = []
const children: ChildProcess[] = []

beforeAll(async () => {
  gateway = await startTestGateway(database, { offlineAfterMs: 1000, lostGraceMs: LOST_GRACE_MS })
  driver = await startTestDriver(database)
})
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  for (const socket of sockets) socket.disconnect()
  await driver.stop()
  await gateway.stop()
  await database.close()
})

const connect = (token: string) => connectDocAgent(gateway.url, token, sockets)
const routable = (deviceId: string) =>
  expect.poll(() => driver.matchDevices({ deviceId }, 'echo').length, { timeout: 15_000 })

/** A greeted doc agent that heartbeats only when the test says so. */
async function quietAgent() {
  const device = await createTestDevice(database)
  const socket = await connect(device.token)
  const received = acceptCommands(socket)
  expect((await send(socket, 'device:hello', docHello([uniqueTag('quiet')]))).data).toBeDefined()
  return { device, socket, received, beat: () => send(socket, 'device:heartbeat', { load: 0 }) }
}

describe('§4 a device marked offline for silence', () => {
  it('comes back online on the same connection when it heartbeats again, and runs commands', async () => {
    const agent = await quietAgent()
    expect(await agent.beat()).toEqual({ data: { draining: false } })
    await expect.poll(() => deviceStatus(database, agent.device.deviceId), { timeout: 15_000 }).toBe('offline')

    expect(await agent.beat()).toEqual({ data: { draining: false } })
    expect(agent.socket.connected).toBe(true)
    expect(await deviceStatus(database, agent.device.deviceId)).toBe('online')
    const [connection] = await database.sql<{ disconnected_at: Date | null }[]>`
      SELECT disconnected_at FROM device_connections WHERE device_id = ${agent.device.deviceId}`
    expect(connection?.disconnected_at).toBeNull()

    keepHeartbeating(agent.socket, 200)
    await routable(agent.device.deviceId).toBe(1)
    const commandId = `resumed-${Date.now()}`
    const pending = dispatchEcho(driver, agent.device.deviceId, commandId)
    await expect.poll(() => agent.received.includes(commandId), { timeout: 15_000 }).toBe(true)
    expect(await send(agent.socket, 'command:result', { commandId, ok: true, output: 'back' })).toEqual({ data: { applied: true } })
    expect(await pending).toMatchObject({ ok: true, output: 'back' })
  })

  it('keeps its in-flight commands for the lost grace counted from going offline, then fails them as device_lost', async () => {
    const agent = await quietAgent()
    await agent.beat()
    await routable(agent.device.deviceId).toBe(1)
    const commandId = `silent-${Date.now()}`
    const pending = dispatchEcho(driver, agent.device.deviceId, commandId)
    await expect.poll(async () => (await commandRow(database, commandId))?.status, { timeout: 15_000 }).toBe('acked')

    await expect.poll(() => deviceStatus(database, agent.device.deviceId), { timeout: 15_000 }).toBe('offline')
    expect((await commandRow(database, commandId))?.status).toBe('acked')
    expect(await pending).toMatchObject({ ok: false, error: { code: 'device_lost', retryable: true } })
    const [timing] = await database.sql<{ waited_ms: number }[]>`
      SELECT (extract(epoch FROM c.finished_at - k.disconnected_at) * 1000)::int AS waited_ms
      FROM device_commands c JOIN device_connections k ON k.device_id = c.device_id
      WHERE c.id = ${commandId} AND k.disconnect_reason = 'heartbeat timeout'`
    // Database timestamps, not the test's clock: the sweep may run late on a busy machine, never early.
    expect(timing?.waited_ms).toBeGreaterThanOrEqual(LOST_GRACE_MS)
  })
})

describe('§2 events socket.io buffered while disconnected', () => {
  it('arrive before the new hello and are answered hello_required, without closing the connection', async () => {
    const device = await createTestDevice(database)
    const socket = await connect(device.token)
    expect((await send(socket, 'device:hello', docHello([uniqueTag('buffered')]))).data).toBeDefined()
    socket.disconnect()
    // More than the 20 refused messages that would close a connection.
    const buffered = Array.from({ length: 25 }, () => send(socket, 'device:heartbeat', { load: 0 }))
    socket.connect()
    const replies = await Promise.all(buffered)
    expect(replies.map((r) => r.error?.code)).toEqual(Array<string>(25).fill('hello_required'))
    expect(socket.connected).toBe(true)
    expect((await send(socket, 'device:hello', docHello([uniqueTag('buffered')]))).data).toBeDefined()
    expect(await send(socket, 'device:heartbeat', { load: 0 })).toEqual({ data: { draining: false } })
  })
})

describe('§3 replaced', () => {
  it('a connection replaced by a newer hello is told so; reconnecting and saying hello again works', async () => {
    const device = await createTestDevice(database)
    const first = await connect(device.token)
    expect((await send(first, 'device:hello', docHello([uniqueTag('first')]))).data).toBeDefined()
    const told = new Promise<Reply['error']>((resolve) => first.once('device:error', resolve))
    const closed = new Promise<string>((resolve) => first.once('disconnect', resolve))
    const second = await connect(device.token)
    expect((await send(second, 'device:hello', docHello([uniqueTag('second')]))).data).toBeDefined()
    expect(await told).toMatchObject({ code: 'replaced' })
    expect(await closed).toBe('io server disconnect')
    second.disconnect()
    first.connect()
    await new Promise<void>((resolve) => first.once('connect', () => resolve()))
    expect((await send(first, 'device:hello', docHello([uniqueTag('again')]))).data).toBeDefined()
    await expect.poll(() => deviceStatus(database, device.deviceId), { timeout: 15_000 }).toBe('online')
  })
})

/** The ```js block of §8, exactly as printed. */
function sampleAgentSource(): string {
  const doc = readFileSync('docs/device-protocol.md', 'utf8')
  const section = doc.slice(doc.indexOf('## 8. A minimal agent'), doc.indexOf('## 9.'))
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1]
  if (!code) throw new Error('docs/device-protocol.md §8 has no js block')
  return code
}

describe('§8 the sample agent, run as printed', () => {
  it('runs commands, resends a result whose ack was lost in a reconnect, and never crashes', async () => {
    const device = await createTestDevice(database)
    let stderr = ''
    const child = spawn(process.execPath, ['--input-type=module', '--eval', sampleAgentSource()], {
      env: { ...process.env, SERVER: gateway.url, TOKEN: device.token },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    children.push(child)
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    await routable(device.deviceId).toBe(1)
    expect(await dispatchEcho(driver, device.deviceId)).toMatchObject({ ok: true, output: { hi: 'there' } })

    // The next result is swallowed by a dropped connection: the agent must keep it and send it again.
    let dropped = false
    for (const socket of gateway.io.of('/devices').sockets.values()) {
      if ((socket.data as { deviceId?: string }).deviceId !== device.deviceId) continue
      socket.use(([event], next) => {
        if (event !== 'command:result' || dropped) return next()
        dropped = true
        socket.conn.close()
      })
    }
    const outcome = await dispatchEcho(driver, device.deviceId)
    expect(dropped).toBe(true)
    expect(outcome).toMatchObject({ ok: true, output: { hi: 'there' } })

    // Dropped again by the server side: it reconnects, says hello and keeps working.
    const connections = () =>
      database.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM device_connections WHERE device_id = ${device.deviceId}`.then(
        ([row]) => row?.n ?? 0,
      )
    const before = await connections()
    gateway.dropConnection(device.deviceId)
    await expect.poll(connections, { timeout: 15_000 }).toBeGreaterThan(before)
    await expect.poll(() => deviceStatus(database, device.deviceId), { timeout: 15_000 }).toBe('online')
    await routable(device.deviceId).toBe(1)
    expect(await dispatchEcho(driver, device.deviceId)).toMatchObject({ ok: true })
    expect(child.exitCode).toBeNull()
    expect(stderr).toBe('')
  })
})
