// A real agent process (the CLI) connected to a real gateway runs each built-in action dispatched
// through the runner's driver over Postgres.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DispatchRequest } from '@/server/runner/ports'
import {
  createTestDevice,
  killAgentsAfterAll,
  spawnAgent,
  startTestDriver,
  startTestGateway,
  uniqueTag,
} from '@/server/testing/device-test-kit'
import { connectTestDatabase } from '@/server/testing/test-api'

const database = connectTestDatabase()
killAgentsAfterAll()
let gateway: Awaited<ReturnType<typeof startTestGateway>>
let driver: Awaited<ReturnType<typeof startTestDriver>>
let deviceId: string
let httpServer: Server
let httpUrl: string
const root = mkdtempSync(path.join(tmpdir(), 'relayflow-agent-'))

beforeAll(async () => {
  mkdirSync(path.join(root, 'logs'))
  writeFileSync(path.join(root, 'logs', 'app.log'), 'line one\nline two\n')
  writeFileSync(path.join(tmpdir(), 'relayflow-outside.txt'), 'secret')
  httpServer = createServer((req, res) => {
    res.writeHead(201, { 'content-type': 'text/plain', 'x-seen-method': req.method ?? '' })
    res.end('x'.repeat(100))
  })
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
  const address = httpServer.address()
  httpUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hello`
  gateway = await startTestGateway(database)
  driver = await startTestDriver(database)
  const device = await createTestDevice(database, 'builtins', [])
  deviceId = device.deviceId
  await spawnAgent(gateway.url, device.token, [
    '--tags',
    uniqueTag('builtin'),
    '--allow-shell',
    'echo *,sleep *',
    '--file-root',
    root,
  ])
})

afterAll(async () => {
  await driver.stop()
  await gateway.stop()
  await new Promise((resolve) => httpServer.close(resolve))
  await database.close()
})

let counter = 0
function dispatch(action: string, params: Record<string, unknown>, extra: Partial<DispatchRequest> = {}) {
  return driver.dispatch({
    commandId: `builtin-${Date.now()}-${counter++}`,
    action,
    params,
    target: { deviceId },
    timeoutMs: 10_000,
    signal: new AbortController().signal,
    ...extra,
  })
}

describe('built-in agent actions', () => {
  it('echo returns its params', async () => {
    expect(await dispatch('echo', { hello: 'world', n: 1 })).toEqual({
      ok: true,
      output: { hello: 'world', n: 1 },
      deviceId,
    })
  })

  it('sleep waits the given time', async () => {
    const started = Date.now()
    const result = await dispatch('sleep', { ms: 300 })
    expect(result).toMatchObject({ ok: true, output: { sleptMs: 300 } })
    expect(Date.now() - started).toBeGreaterThanOrEqual(300)
  })

  it('system.info describes the host', async () => {
    const result = await dispatch('system.info', {})
    expect(result).toMatchObject({
      ok: true,
      output: { platform: process.platform, nodeVersion: process.version },
    })
  })

  it('http.request returns status, headers and a size-capped body', async () => {
    const result = await dispatch('http.request', {
      url: httpUrl,
      method: 'POST',
      body: { a: 1 },
      maxBytes: 10,
    })
    expect(result).toMatchObject({
      ok: true,
      output: { status: 201, body: 'xxxxxxxxxx', truncated: true, headers: { 'x-seen-method': 'POST' } },
    })
  })

  it('file.read reads inside the allowed directory and refuses paths outside it', async () => {
    expect(await dispatch('file.read', { path: 'logs/app.log' })).toMatchObject({
      ok: true,
      output: { content: 'line one\nline two\n', truncated: false },
    })
    expect(await dispatch('file.read', { path: '../relayflow-outside.txt' })).toMatchObject({
      ok: false,
      error: { code: 'path_not_allowed', retryable: false },
    })
  })

  it('shell.exec runs an allow-listed argv without a shell', async () => {
    const result = await dispatch('shell.exec', { command: 'echo', args: ['hello', '$HOME', ';', 'ls'] })
    expect(result).toMatchObject({ ok: true, output: { exitCode: 0, stdout: 'hello $HOME ; ls\n' } })
  })

  it('shell.exec refuses a command outside the allow-list', async () => {
    const result = await dispatch('shell.exec', { command: 'rm', args: ['-rf', '/tmp/nothing'] })
    expect(result).toMatchObject({ ok: false, error: { code: 'command_not_allowed', retryable: false } })
  })

  it('shell.exec kills the process when the command is cancelled', async () => {
    const controller = new AbortController()
    const commandId = `builtin-cancel-${Date.now()}`
    const pending = dispatch(
      'shell.exec',
      { command: 'sleep', args: ['30'] },
      { commandId, signal: controller.signal },
    )
    await expect.poll(() => commandStatus(commandId), { timeout: 5000 }).toBe('running')
    controller.abort()
    expect(await pending).toMatchObject({ ok: false, error: { code: 'aborted' } })
    await expect.poll(() => commandStatus(commandId), { timeout: 5000 }).toBe('cancelled')
  })

  it('an unknown action or invalid params are refused without retry', async () => {
    expect(await dispatch('sleep', { ms: 'soon' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params', retryable: false },
    })
  })
})

async function commandStatus(id: string): Promise<string | undefined> {
  const rows = await database.sql<{ status: string }[]>`SELECT status FROM device_commands WHERE id = ${id}`
  return rows[0]?.status
}
