// An agent written only from docs/device-protocol.md (socket.io-client directly, no SDK) completes a
// command; the gateway refuses bad input with error acks, changing nothing; and each rule the doc
// states about acks, results and action names holds (issue 15 §4; connections: protocol-connection.test.ts).
import { describe, expect, it } from 'vitest'
import { gatewayAndDriverForFile } from '@/server/testing/device-path-kit'
import type { Socket } from 'socket.io-client'
import { z } from 'zod'
import { createAgent } from '@/agent/index'
import { validateWorkflow } from '@/server/engine/validate-workflow'
import { connectTestDatabase } from '@/server/testing/test-api'
import { createTestDevice, uniqueTag } from '@/server/testing/device-test-kit'
import {
  acceptCommands,
  commandRow,
  connectDocAgent,
  dispatchEcho,
  docHello,
  keepHeartbeating,
  send,
  type Reply,
} from '@/server/testing/doc-agent-kit'

const database = connectTestDatabase()
const sockets: Socket[] = []

const devicePath = gatewayAndDriverForFile(database, {
  beforeStop: () => {
    for (const socket of sockets) socket.disconnect()
  },
})

const connect = (token: string) => connectDocAgent(devicePath.gateway.url, token, sockets)
function deeplyNested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = {}
  for (let i = 0; i < levels; i++) value = { a: value }
  return value
}
const hello = docHello
const dispatch = (deviceId: string, commandId?: string) => dispatchEcho(devicePath.driver, deviceId, commandId)

describe('an agent written from docs/device-protocol.md', () => {
  it('connects, says hello, runs a command and reports its result once', async () => {
    const device = await createTestDevice(database)
    const socket = await connect(device.token)
    const results: Reply[] = []
    const seen = new Set<string>()
    socket.on('command:run', (command: { commandId: string; params: unknown }, ack: (r: unknown) => void) => {
      // The same id may be delivered again; the agent must not run it twice (§5).
      if (seen.has(command.commandId)) return ack({ data: { accepted: true, duplicate: true } })
      seen.add(command.commandId)
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
    keepHeartbeating(socket, Number(reply.data?.heartbeatMs))
    await expect
      .poll(() => devicePath.driver.matchDevices({ deviceId: device.deviceId }, 'echo').length, {
        timeout: 5000,
      })
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
    ['a paramsSchema nested 3,000 deep', { actions: [{ name: 'echo', paramsSchema: deeplyNested(3000) }] }],
    ['a name with a lone surrogate', { name: 'build \ud800' }],
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
      .poll(() => devicePath.driver.matchDevices({ deviceId: theirs.deviceId }, 'echo').length, {
        timeout: 5000,
      })
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
      .poll(() => devicePath.driver.matchDevices({ deviceId: device.deviceId }, 'echo').length, {
        timeout: 5000,
      })
      .toBe(1)
    expect(await dispatch(device.deviceId)).toMatchObject({
      ok: false,
      error: { code: 'unknown_action', retryable: false },
    })
  })
})

/** A connected, greeted doc agent the driver can route to; `answer` is its reply to command:run. */
async function readyAgent(answer?: unknown) {
  const device = await createTestDevice(database)
  const socket = await connect(device.token)
  const received = acceptCommands(socket, answer)
  const greeted = await send(socket, 'device:hello', hello([uniqueTag('doc')]))
  expect(greeted.data).toBeDefined()
  keepHeartbeating(socket, Number(greeted.data?.heartbeatMs))
  await expect
    .poll(() => devicePath.driver.matchDevices({ deviceId: device.deviceId }, 'echo').length, {
      timeout: 15_000,
    })
    .toBe(1)
  return { device, socket, received }
}

/** Dispatches a command and waits until the agent has it (acked unless the agent refused). */
async function dispatchTo(agent: Awaited<ReturnType<typeof readyAgent>>) {
  const commandId = `doc-${Date.now()}-${Math.random().toString(36).slice(2)}`
  const pending = dispatch(agent.device.deviceId, commandId)
  await expect.poll(() => agent.received.includes(commandId), { timeout: 15_000 }).toBe(true)
  return { commandId, pending }
}

describe('§5 command:run acks: only { data: { accepted: true } } accepts', () => {
  it('{ data: { accepted: false } } refuses the command: the attempt fails with the retryable device_refused', async () => {
    const agent = await readyAgent({ data: { accepted: false } })
    const { commandId, pending } = await dispatchTo(agent)
    expect(await pending).toMatchObject({ ok: false, error: { code: 'device_refused', retryable: true } })
    expect(await commandRow(database, commandId)).toMatchObject({
      status: 'failed',
      error: { code: 'device_refused' },
    })
  })
})

describe('§5 events about commands that are not in flight', () => {
  it('a result for a command already failed as device_lost is answered duplicate, and changes nothing', async () => {
    const agent = await readyAgent()
    const { commandId, pending } = await dispatchTo(agent)
    await expect
      .poll(async () => (await commandRow(database, commandId))?.status, { timeout: 15_000 })
      .toBe('acked')
    // The agent "restarts": a new connection whose hello does not list the command.
    agent.socket.disconnect()
    const again = await connect(agent.device.token)
    expect((await send(again, 'device:hello', hello([uniqueTag('doc')]))).data).toBeDefined()
    expect(await pending).toMatchObject({ ok: false, error: { code: 'device_lost', retryable: true } })
    expect(await send(again, 'command:result', { commandId, ok: true, output: 'late' })).toEqual({
      data: { applied: false, duplicate: true },
    })
    expect(await commandRow(database, commandId)).toMatchObject({ status: 'failed', output: null })
  })

  it('started and progress for commands not in flight are answered recorded: false; logs of finished commands are stored', async () => {
    const agent = await readyAgent()
    const { commandId, pending } = await dispatchTo(agent)
    expect(await send(agent.socket, 'command:result', { commandId, ok: true, output: 1 })).toEqual({
      data: { applied: true },
    })
    await pending
    for (const id of [commandId, 'no-such-command']) {
      expect(await send(agent.socket, 'command:started', { commandId: id })).toEqual({
        data: { recorded: false },
      })
      expect(await send(agent.socket, 'command:progress', { commandId: id, percent: 50 })).toEqual({
        data: { recorded: false },
      })
    }
    expect(
      await send(agent.socket, 'command:log', { commandId, stream: 'stdout', lines: ['flushed late'] }),
    ).toEqual({
      data: { recorded: true },
    })
    const logs = await database.sql`SELECT line FROM device_command_logs WHERE command_id = ${commandId}`
    expect(logs).toEqual([{ line: 'flushed late' }])
    const unknown = await send(agent.socket, 'command:log', {
      commandId: 'no-such-command',
      stream: 'stdout',
      lines: ['x'],
    })
    expect(unknown.error?.code).toBe('unknown_command')
  })
})

describe('§5 command:result fields and limits', () => {
  it('output is required and may be null', async () => {
    const agent = await readyAgent()
    const { commandId, pending } = await dispatchTo(agent)
    const omitted = await send(agent.socket, 'command:result', { commandId, ok: true })
    expect(omitted.error).toMatchObject({
      code: 'invalid_message',
      message: expect.stringContaining('output') as string,
    })
    expect(await send(agent.socket, 'command:result', { commandId, ok: true, output: null })).toEqual({
      data: { applied: true },
    })
    expect(await pending).toMatchObject({ ok: true, output: null })
  })

  it('error.code, error.message and error.retryable are required, and refusals name the field', async () => {
    const agent = await readyAgent()
    const { commandId, pending } = await dispatchTo(agent)
    const missing = await send(agent.socket, 'command:result', {
      commandId,
      ok: false,
      error: { code: 'boom', message: 'x' },
    })
    expect(missing.error).toMatchObject({
      code: 'invalid_message',
      message: expect.stringContaining('error.retryable') as string,
    })
    const extra = await send(agent.socket, 'command:result', { commandId, ok: true, output: 1, extra: true })
    expect(extra.error?.code).toBe('invalid_message')
    expect(
      await send(agent.socket, 'command:result', {
        commandId,
        ok: false,
        error: { code: 'boom', message: 'x', retryable: false },
      }),
    ).toEqual({
      data: { applied: true },
    })
    expect(await pending).toMatchObject({ ok: false, error: { code: 'boom', retryable: false } })
  })

  it('NUL characters in an output are stored as U+FFFD', async () => {
    const agent = await readyAgent()
    const { commandId, pending } = await dispatchTo(agent)
    const output = { text: 'a\u0000b', ['k\u0000']: 'literal \\u0000 stays' }
    expect(await send(agent.socket, 'command:result', { commandId, ok: true, output })).toEqual({
      data: { applied: true },
    })
    const stored = { text: 'a\ufffdb', ['k\ufffd']: 'literal \\u0000 stays' }
    expect(await pending).toMatchObject({ ok: true, output: stored })
    expect((await commandRow(database, commandId))?.output).toEqual(stored)
  })

  it('an output nested 65 deep is refused with the final invalid_output naming the path; 64 is fine', async () => {
    const agent = await readyAgent()
    const nested = (levels: number) => {
      let value: unknown = 0
      for (let i = 0; i < levels; i++) value = [value]
      return value
    }
    const fine = await dispatchTo(agent)
    expect(
      await send(agent.socket, 'command:result', { commandId: fine.commandId, ok: true, output: nested(64) }),
    ).toEqual({
      data: { applied: true },
    })
    expect(await fine.pending).toMatchObject({ ok: true })
    const deep = await dispatchTo(agent)
    const refused = await send(agent.socket, 'command:result', {
      commandId: deep.commandId,
      ok: true,
      output: nested(65),
    })
    expect(refused.error).toMatchObject({
      code: 'invalid_output',
      message: expect.stringMatching(/^output(\[0\])+ is nested more than 64/) as string,
    })
    expect(await deep.pending).toMatchObject({
      ok: false,
      error: { code: 'invalid_output', retryable: false },
    })
  })
})

describe('§3 action names follow the workflow action rule', () => {
  it('a hello declaring "Deploy" is refused naming the field, as a workflow step with that action is', async () => {
    const device = await createTestDevice(database)
    const socket = await connect(device.token)
    const reply = await send(
      socket,
      'device:hello',
      hello(['x'], { actions: [{ name: 'echo' }, { name: 'Deploy' }] }),
    )
    expect(reply.error).toMatchObject({
      code: 'invalid_message',
      message: expect.stringContaining('actions.1.name') as string,
    })
    const workflow = validateWorkflow({
      name: 'w',
      steps: [{ id: 'a', name: 'a', type: 'command', action: 'Deploy' }],
    })
    expect(workflow.ok).toBe(false)
    expect(() =>
      createAgent({ server: devicePath.gateway.url, token: device.token }).action(
        'Deploy',
        z.object({}),
        () => 1,
      ),
    ).toThrow(/Action name "Deploy" must be lowercase/)
  })

  it('every action name a hello accepts can be targeted by a workflow step', async () => {
    const device = await createTestDevice(database)
    const socket = await connect(device.token)
    const actions = ['deploy', 'deploy.v2', 'db.backup-nightly', 'build_all.x86_64']
    expect(
      (await send(socket, 'device:hello', hello(['x'], { actions: actions.map((name) => ({ name })) }))).data,
    ).toBeDefined()
    for (const action of actions)
      expect(
        validateWorkflow({ name: 'w', steps: [{ id: 'a', name: 'a', type: 'command', action }] }).ok,
        action,
      ).toBe(true)
  })
})
