// The webhook step against a real HTTP server on 127.0.0.1: rendered request, captured response,
// expected status and the response size cap.
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectTestDatabase } from '@/server/testing/test-api'
import type { RunningRunner } from './runner'
import {
  createScriptedDriver,
  createTestClock,
  startTestRun,
  startTestRunner,
  waitForRun,
} from '@/server/testing/runner-test-kit'

const database = connectTestDatabase()
const clock = createTestClock()
const received: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = []
const server = createServer((req, res) => {
  let body = ''
  req.on('data', (chunk: Buffer) => (body += chunk.toString()))
  req.on('end', () => {
    received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
    if (req.url?.startsWith('/missing')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('nope')
    } else if (req.url?.startsWith('/lone')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"fine":1,"bad":"\\ud800"}')
    } else if (req.url?.startsWith('/deep')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('['.repeat(5000) + ']'.repeat(5000))
    } else if (req.url?.startsWith('/big')) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(10_000))
    } else {
      res
        .writeHead(201, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: true, echo: body ? (JSON.parse(body) as unknown) : null }))
    }
  })
})
let base = ''
let runner: RunningRunner

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  runner = startTestRunner(database, { clock, drivers: { devices: createScriptedDriver().driver } })
})
afterAll(async () => {
  await runner.stop()
  await new Promise((resolve) => server.close(resolve))
  await database.close()
})

const hook = (id: string, request: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id,
  name: id,
  type: 'webhook',
  request,
  ...extra,
})

describe('webhook step', () => {
  it('sends the rendered request and captures the JSON response as output', async () => {
    const { executionId } = await startTestRun(
      database,
      clock,
      {
        name: 'Hook',
        inputs: { type: 'object', properties: { base: { type: 'string' }, env: { type: 'string' } } },
        steps: [
          hook('notify', {
            method: 'POST',
            url: '{{ inputs.base }}/deploy/{{ inputs.env }}',
            headers: { 'x-run': '{{ run.id }}' },
            body: { env: '{{ inputs.env }}', n: 3 },
          }),
          {
            id: 'after',
            name: 'after',
            type: 'command',
            action: 'echo',
            dependencies: ['notify'],
            params: { status: '{{ steps.notify.output.status }}', ok: '{{ steps.notify.output.body.ok }}' },
          },
        ],
      },
      { base, env: 'prod' },
    )
    const run = await waitForRun(database, executionId)
    expect(run.execution.status).toBe('succeeded')
    const request = received.find((r) => r.headers['x-run'] === executionId)
    expect(request).toMatchObject({ method: 'POST', url: '/deploy/prod' })
    expect(JSON.parse(request?.body ?? 'null')).toEqual({ env: 'prod', n: 3 })
    expect(request?.headers['content-type']).toBe('application/json')
    expect(run.steps.notify?.output).toMatchObject({
      status: 201,
      body: { ok: true, echo: { env: 'prod', n: 3 } },
      truncated: false,
    })
    expect(run.steps.after?.output).toMatchObject({ status: 201, ok: true })
  })

  it('an unexpected status fails the step with http_status; a 404 is not retried', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Hook 404',
      steps: [hook('get', { method: 'GET', url: `${base}/missing` }, { retryPolicy: { maxAttempts: 3 } })],
    })
    const run = await waitForRun(database, executionId)
    expect(run.steps.get).toMatchObject({
      status: 'failed',
      attempt: 1,
      error: { code: 'http_status', retryable: false },
      output: { status: 404, body: 'nope' },
    })
  })

  it('a response larger than responseMaxBytes is cut at the cap and marked truncated', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Hook big',
      steps: [hook('big', { method: 'GET', url: `${base}/big`, responseMaxBytes: 100, expectStatus: [200] })],
    })
    const run = await waitForRun(database, executionId)
    const output = run.steps.big?.output as { body: string; truncated: boolean }
    expect(output.truncated).toBe(true)
    expect(output.body).toHaveLength(100)
  })

  it('an unreachable server fails the step with http_error', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Hook down',
      steps: [hook('down', { method: 'GET', url: 'http://127.0.0.1:9/nothing', timeout: '2s' })],
    })
    const run = await waitForRun(database, executionId)
    expect(run.steps.down).toMatchObject({ status: 'failed', error: { code: 'http_error', retryable: true } })
  })

  it.each([
    ['a lone surrogate', '/lone', 'output.body.bad contains a lone UTF-16 surrogate'],
    ['nesting 5,000 deep', '/deep', 'is nested more than 64 levels deep'],
  ])('a JSON answer holding %s fails the step with invalid_output, without retries', async (_what, path, says) => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Unstorable answer',
      steps: [hook('fetch', { method: 'GET', url: `${base}${path}` }, { retryPolicy: { maxAttempts: 3 } })],
    })
    const run = await waitForRun(database, executionId)
    expect(run.execution.status).toBe('failed')
    expect(run.steps.fetch).toMatchObject({ status: 'failed', attempt: 1, error: { code: 'invalid_output', retryable: false } })
    expect((run.steps.fetch?.error as { message: string }).message).toContain(says)
  })
})
