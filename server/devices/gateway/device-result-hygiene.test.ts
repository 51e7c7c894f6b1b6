// Issue 15 items 13 and 14: a device result the gateway cannot store (nested 2,500 or 4,000 deep, a
// lone surrogate) is refused once with the final `invalid_output` naming the path, and the step fails
// with that code instead of the run staying `running` while the agent resends. Log lines and progress
// pass the same guard. Real gateway, real runner, a real socket.io agent written from the doc.
import { describe, expect, it } from 'vitest'
import { devicePathForFile } from '@/server/testing/device-path-kit'
import { io, type Socket } from 'socket.io-client'
import { createTestClock, startTestRun, waitForRun } from '@/server/testing/runner-test-kit'
import { connectTestDatabase } from '@/server/testing/test-api'
import { z } from 'zod'
import { createAgent, type Agent } from '@/agent/index'
import { createTestDevice, uniqueTag } from '@/server/testing/device-test-kit'

const database = connectTestDatabase()
const clock = createTestClock()
const sockets: Socket[] = []
const agents: Agent[] = []

const devicePath = devicePathForFile(database, {
  clock,
  beforeStop: async () => {
    for (const socket of sockets) socket.disconnect()
    for (const agent of agents) await agent.stop()
  },
})

type Reply = { data?: Record<string, unknown>; error?: { code: string; message: string } }

function nested(levels: number): unknown {
  let value: unknown = 'bottom'
  for (let i = 0; i < levels; i++) value = { a: value }
  return value
}

/**
 * An agent that does what docs/device-protocol.md says: accept, answer with `output`, and send a
 * result again (up to 5 times) while the gateway answers `internal_error`. Every result ack is kept.
 */
async function docAgent(output: unknown) {
  const device = await createTestDevice(database)
  const tag = uniqueTag('hygiene')
  const socket = io(`${devicePath.gateway.url}/devices`, {
    auth: { token: device.token },
    transports: ['websocket'],
    reconnection: false,
  })
  sockets.push(socket)
  await new Promise<void>((resolve, reject) =>
    socket.on('connect', () => resolve()).on('connect_error', reject),
  )
  const acks: Reply[] = []
  socket.on('command:run', (command: { commandId: string }, ack: (r: unknown) => void) => {
    ack({ data: { accepted: true } })
    void (async () => {
      for (let sent = 0; sent < 5; sent++) {
        const reply = (await socket
          .timeout(10_000)
          .emitWithAck('command:result', { commandId: command.commandId, ok: true, output })) as Reply
        acks.push(reply)
        if (reply.error?.code !== 'internal_error') return
      }
    })()
  })
  const hello = (await socket.timeout(10_000).emitWithAck('device:hello', {
    protocol: 1,
    agentVersion: 'doc/1.0',
    tags: [tag],
    maxConcurrency: 2,
    actions: [{ name: 'collect' }],
  })) as Reply
  expect(hello.data).toBeDefined()
  await expect
    .poll(() => devicePath.driver.matchDevices({ selector: { tags: [tag] } }, 'collect').length, {
      timeout: 15_000,
    })
    .toBe(1)
  return { socket, tag, acks, deviceId: device.deviceId }
}

async function runCollect(tag: string) {
  const { executionId } = await startTestRun(database, clock, {
    name: 'Collect',
    steps: [
      {
        id: 'collect',
        name: 'collect',
        type: 'command',
        action: 'collect',
        target: { selector: { tags: [tag] } },
        retryPolicy: { maxAttempts: 3, initialDelay: '10ms' },
      },
    ],
  })
  return waitForRun(database, executionId, undefined, 30_000)
}

describe('a device result the gateway cannot store', () => {
  it.each([
    ['nested 2,500 deep', nested(2500)],
    ['nested 4,000 deep', nested(4000)],
  ])(
    'an output %s fails the step with invalid_output naming the path, once, without retries',
    async (_what, output) => {
      const agent = await docAgent(output)
      const run = await runCollect(agent.tag)
      expect(run.execution.status).toBe('failed')
      expect(run.steps.collect).toMatchObject({
        status: 'failed',
        attempt: 1,
        error: { code: 'invalid_output', retryable: false },
      })
      expect((run.steps.collect?.error as { message: string }).message).toMatch(
        /output(\.a)+ is nested more than 64 levels deep/,
      )
      expect(agent.acks).toEqual([
        {
          error: {
            code: 'invalid_output',
            message: expect.stringContaining('is nested more than 64 levels deep') as string,
          },
        },
      ])
      const commands = await database.sql<{ status: string; output: unknown }[]>`
      SELECT status, output FROM device_commands WHERE device_id = ${agent.deviceId}`
      expect(commands).toEqual([{ status: 'failed', output: null }])
    },
  )

  it('an output holding "\\ud800" fails the step with invalid_output naming output.text, never internal_error', async () => {
    const agent = await docAgent({ fine: 'ok 😀', text: 'x\ud800' })
    const run = await runCollect(agent.tag)
    expect(run.execution.status).toBe('failed')
    expect(run.steps.collect).toMatchObject({
      status: 'failed',
      attempt: 1,
      error: { code: 'invalid_output', retryable: false },
    })
    expect((run.steps.collect?.error as { message: string }).message).toContain(
      'output.text contains a lone UTF-16 surrogate',
    )
    expect(agent.acks.map((a) => a.error?.code)).toEqual(['invalid_output'])
  })

  it('the reference agent (SDK) fails such an output itself with invalid_output, and the step fails', async () => {
    const device = await createTestDevice(database)
    const tag = uniqueTag('sdk')
    const agent = createAgent({
      server: devicePath.gateway.url,
      token: device.token,
      tags: [tag],
      builtinActions: false,
    }).action('collect', z.object({}), () => ({ text: 'x\ud800' }))
    agents.push(agent)
    await agent.start()
    await expect
      .poll(() => devicePath.driver.matchDevices({ selector: { tags: [tag] } }, 'collect').length, {
        timeout: 15_000,
      })
      .toBe(1)
    const run = await runCollect(tag)
    expect(run.steps.collect).toMatchObject({
      status: 'failed',
      attempt: 1,
      error: { code: 'invalid_output', retryable: false },
    })
    expect((run.steps.collect?.error as { message: string }).message).toContain(
      'output.text contains a lone UTF-16 surrogate',
    )
  })
})

describe('log lines and progress pass the same guard', () => {
  it('a log message with a lone surrogate is refused naming the line; other lines are still stored', async () => {
    const device = await createTestDevice(database)
    const tag = uniqueTag('logs')
    const socket = io(`${devicePath.gateway.url}/devices`, {
      auth: { token: device.token },
      transports: ['websocket'],
      reconnection: false,
    })
    sockets.push(socket)
    await new Promise<void>((resolve, reject) =>
      socket.on('connect', () => resolve()).on('connect_error', reject),
    )
    const replies: Record<string, Reply> = {}
    let finish: (() => void) | undefined
    socket.on('command:run', (command: { commandId: string }, ack: (r: unknown) => void) => {
      ack({ data: { accepted: true } })
      const { commandId } = command
      void (async () => {
        const send = (event: string, payload: unknown) =>
          socket.timeout(10_000).emitWithAck(event, payload) as Promise<Reply>
        replies.bad = await send('command:log', {
          commandId,
          stream: 'stdout',
          lines: ['fine', 'half \udc00'],
        })
        replies.good = await send('command:log', {
          commandId,
          stream: 'stdout',
          lines: ['kept', 'nul \u0000 here'],
        })
        replies.progress = await send('command:progress', { commandId, percent: 5, message: 'x\ud800' })
        replies.result = await send('command:result', { commandId, ok: true, output: { done: true } })
        finish?.()
      })()
    })
    const finished = new Promise<void>((resolve) => (finish = resolve))
    await socket
      .timeout(10_000)
      .emitWithAck('device:hello', {
        protocol: 1,
        agentVersion: 'doc/1.0',
        tags: [tag],
        maxConcurrency: 1,
        actions: [{ name: 'collect' }],
      })
    await expect
      .poll(() => devicePath.driver.matchDevices({ selector: { tags: [tag] } }, 'collect').length, {
        timeout: 15_000,
      })
      .toBe(1)
    const run = await runCollect(tag)
    await finished
    expect(run.execution.status).toBe('succeeded')
    expect(replies.bad?.error).toMatchObject({
      code: 'invalid_message',
      message: expect.stringContaining('lines[1] contains a lone UTF-16 surrogate') as string,
    })
    expect(replies.good).toEqual({ data: { recorded: true } })
    expect(replies.progress?.error).toMatchObject({
      code: 'invalid_message',
      message: expect.stringContaining('message contains a lone') as string,
    })
    expect(replies.result).toEqual({ data: { applied: true } })
    const lines = await database.sql<{ line: string }[]>`
      SELECT l.line FROM device_command_logs l JOIN device_commands c ON c.id = l.command_id
      WHERE c.device_id = ${device.deviceId} ORDER BY l.id`
    expect(lines.map((l) => l.line)).toEqual(['kept', 'nul \ufffd here'])
  })
})
