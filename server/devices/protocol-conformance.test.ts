// An agent written only from docs/device-protocol.md (socket.io-client directly, no SDK) completes a
// command; and the gateway refuses bad input with error acks, changing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io, type Socket } from 'socket.io-client'
import { connectTestDatabase } from '@/server/testing/test-api'
import { createTestDevice, startTestDriver, startTestGateway, uniqueTag } from './device-test-kit'

const database = connectTestDatabase()
let gateway: Awaited<ReturnType<typeof startTestGateway>>
let driver: Awaited<ReturnType<typeof startTestDriver>>
const sockets: Socket[] = []

beforeAll(async () => {
  gateway = await startTestGateway(database)
  driver = await startTestDriver(database)
})
afterAll(async () => {
  for (const socket of sockets) socket.disconnect()
  await driver.stop()
  await gateway.stop()
  await database.close()
})

type Reply = { data?: Record<string, unknown>; error?: { code: string; message: string } }

function connect(token: string): Promise<Socket> {
  const socket = io(`${gateway.url}/devices`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
  })
  sockets.push(socket)
  return new Promise((resolve, reject) => {
    socket.on('connect', () => resolve(socket))
    socket.on('connect_error', reject)
  })
}

const hello = (tags: string[], extra: Record<string, unknown> = {}) => ({
  protocol: 1,
  agentVersion: 'mini/1.0',
  tags,
  maxConcurrency: 2,
  actions: [{ name: 'echo' }],
  running: [],
  finished: [],
  ...extra,
})

const send = (socket: Socket, event: string, payload: unknown) =>
  socket.timeout(5000).emitWithAck(event, payload) as Promise<Reply>

function dispatch(deviceId: string, commandId = `doc-${Date.now()}-${Math.random()}`) {
  return driver.dispatch({
    commandId,
    action: 'echo',
    params: { hi: 'there' },
    target: { deviceId },
    timeoutMs: 10_000,
    signal: new AbortController().signal,
  })
}

describe('an agent written from docs/device-protocol.md', () => {
  it('connects, says hello, runs a command and reports its result once', async () => {
    const device = await createTestDevice(database)
    const socket = await connect(device.token)
    const results: Reply[] = []
    socket.on('command:run', (command: { commandId: string; params: unknown }, ack: (r: unknown) => void) => {
      ack({ data: { accepted: true } })
      socket.emit('command:started', { commandId: command.commandId })
      socket.emit('command:log', { commandId: command.commandId, stream: 'info', lines: ['echoing'] })
      void (async () => {
        const result = { commandId: command.commandId, ok: true, output: command.params }
        results.push(await send(socket, 'command:result', result))
        results.push(await send(socket, 'command:result', result)) // delivered twice, applied once
      })()
    })
    const reply = await send(socket, 'device:hello', hello([uniqueTag('doc')]))
    expect(reply.data).toMatchObject({ deviceId: device.deviceId, draining: false })
    expect(typeof reply.data?.heartbeatMs).toBe('number')
    expect(await send(socket, 'device:heartbeat', { load: 0 })).toEqual({ data: { draining: false } })
    await expect
      .poll(() => driver.matchDevices({ deviceId: device.deviceId }, 'echo').length, { timeout: 5000 })
      .toBe(1)

    const commandId = `doc-${Date.now()}`
    expect(await dispatch(device.deviceId, commandId)).toEqual({
      ok: true,
      output: { hi: 'there' },
      deviceId: device.deviceId,
    })
    await expect.poll(() => results.length).toBe(2)
    expect(results).toEqual([{ data: { applied: true } }, { data: { applied: false, duplicate: true } }])
    const logs =
      await database.sql`SELECT stream, line FROM device_command_logs WHERE command_id = ${commandId}`
    expect(logs).toEqual([{ stream: 'info', line: 'echoing' }])
  })
})

describe('bad input from agents', () => {
  it('events before hello are refused with hello_required', async () => {
    const device = await createTestDevice(database)
    const socket = await connect(device.token)
    expect((await send(socket, 'device:heartbeat', { load: 1 })).error?.code).toBe('hello_required')
    expect((await send(socket, 'command:result', { commandId: 'x', ok: true, output: 1 })).error?.code).toBe(
      'hello_required',
    )
  })

  it('a hello with absurd values is refused, naming the field, and the device stays offline', async () => {
    const device = await createTestDevice(database)
    const socket = await connect(device.token)
    const disconnected = new Promise((resolve) => socket.on('disconnect', resolve))
    const reply = await send(socket, 'device:hello', hello(['ok'], { maxConcurrency: 1_000_000 }))
    expect(reply.error?.code).toBe('invalid_message')
    expect(reply.error?.message).toContain('maxConcurrency')
    await disconnected
    const [row] =
      await database.sql`SELECT status, max_concurrency FROM devices WHERE id = ${device.deviceId}`
    expect(row).toMatchObject({ status: 'offline', max_concurrency: 1 })
  })

  it.each([
    ['too many tags', { tags: Array.from({ length: 100 }, (_, i) => `t${i}`) }],
    ['a tag with spaces', { tags: ['rm -rf'] }],
    ['no actions', { actions: [] }],
    ['an unknown field', { admin: true }],
    ['a huge name', { name: 'x'.repeat(10_000) }],
  ])('a hello with %s is refused', async (_name, extra) => {
    const device = await createTestDevice(database)
    const socket = await connect(device.token)
    expect((await send(socket, 'device:hello', hello(['ok'], extra))).error?.code).toBe('invalid_message')
  })

  it('unknown events are refused, and an oversized message closes the connection', async () => {
    const device = await createTestDevice(database)
    const socket = await connect(device.token)
    expect((await send(socket, 'device:hello', hello([uniqueTag('big')]))).data).toBeDefined()
    expect((await send(socket, 'device:format-disk', {})).error?.code).toBe('invalid_message')
    const closed = new Promise<string>((resolve) => socket.on('disconnect', resolve))
    socket.emit('command:log', { commandId: 'x', stream: 'info', lines: ['x'.repeat(2 * 1_048_576)] })
    expect(await closed).toBe('transport close')
  })

  it("results for unknown or another device's commands are refused and change nothing", async () => {
    const [mine, theirs] = await Promise.all([createTestDevice(database), createTestDevice(database)])
    const socket = await connect(mine.token)
    expect((await send(socket, 'device:hello', hello([uniqueTag('bad')]))).data).toBeDefined()
    const other = await connect(theirs.token)
    other.on('command:run', (_command: unknown, ack: (r: unknown) => void) =>
      ack({ data: { accepted: true } }),
    )
    expect((await send(other, 'device:hello', hello([uniqueTag('bad')]))).data).toBeDefined()
    await expect
      .poll(() => driver.matchDevices({ deviceId: theirs.deviceId }, 'echo').length, { timeout: 5000 })
      .toBe(1)
    const commandId = `theirs-${Date.now()}`
    const pending = dispatch(theirs.deviceId, commandId)
    await expect
      .poll(
        async () =>
          (
            await database.sql<
              { status: string }[]
            >`SELECT status FROM device_commands WHERE id = ${commandId}`
          )[0]?.status,
      )
      .toBe('acked')

    const stolen = await send(socket, 'command:result', { commandId, ok: true, output: 'stolen' })
    expect(stolen.error?.code).toBe('unknown_command')
    expect(
      (await send(socket, 'command:result', { commandId: 'no-such-command', ok: true, output: 1 })).error
        ?.code,
    ).toBe('unknown_command')
    expect((await send(socket, 'command:result', { commandId, ok: 'yes' })).error?.code).toBe(
      'invalid_message',
    )
    const [row] = await database.sql`SELECT status, output FROM device_commands WHERE id = ${commandId}`
    expect(row).toMatchObject({ status: 'acked', output: null })

    expect((await send(other, 'command:result', { commandId, ok: true, output: 'mine' })).data).toEqual({
      applied: true,
    })
    expect(await pending).toMatchObject({ ok: true, output: 'mine' })
  })

  it('a command the agent refuses fails without retry when the action is unknown', async () => {
    const device = await createTestDevice(database)
    const socket = await connect(device.token)
    socket.on('command:run', (_c: unknown, ack: (r: unknown) => void) =>
      ack({ error: { code: 'unknown_action', message: 'no such action here' } }),
    )
    expect((await send(socket, 'device:hello', hello([uniqueTag('refuse')]))).data).toBeDefined()
    await expect
      .poll(() => driver.matchDevices({ deviceId: device.deviceId }, 'echo').length, { timeout: 5000 })
      .toBe(1)
    expect(await dispatch(device.deviceId)).toMatchObject({
      ok: false,
      error: { code: 'unknown_action', retryable: false },
    })
  })
})
