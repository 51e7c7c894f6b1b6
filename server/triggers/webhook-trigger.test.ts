// Webhook triggers through the real HTTP routing and a real runner: the body becomes the run's
// inputs; bad requests are refused with the right status and no run; `?wait=N` returns the result.
import { request } from 'node:http'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { executions } from '@/db/schema'
import type { RunningRunner } from '@/server/runner/runner'
import {
  createScriptedDriver,
  createTestClock,
  registerScriptedFleet,
  startTestRunner,
} from '@/server/testing/runner-test-kit'
import { connectTestDatabase, createTestApi } from '@/server/testing/test-api'
import { countRuns, greetingWorkflow, startTestHttpServer } from '@/server/testing/trigger-test-kit'
import { SIGNATURE_WINDOW_SECONDS, signWebhookRequest } from './webhook-secrets'

const database = connectTestDatabase()
const clock = createTestClock()
const { api, context } = createTestApi(database, clock)
let http: Awaited<ReturnType<typeof startTestHttpServer>>
let runner: RunningRunner

beforeAll(() => registerScriptedFleet(database))
beforeAll(async () => {
  http = await startTestHttpServer(context)
  runner = startTestRunner(database, { clock, drivers: { devices: createScriptedDriver().driver } })
})
afterAll(async () => {
  await runner.stop()
  await http.close()
  await database.close()
})

type Reply = {
  status: number
  body: Record<string, unknown> & {
    error?: { code: string; message: string; issues?: { path: unknown[] }[] }
  }
}

async function post(
  path: string,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<Reply> {
  const response = await fetch(`${http.base}${path}`, { method: 'POST', headers, body })
  return { status: response.status, body: (await response.json()) as Reply['body'] }
}

async function workflowWithWebhook(options: { signed?: boolean; extraSteps?: unknown[] } = {}) {
  const saved = await api.workflows.create({ definition: greetingWorkflow(options.extraSteps) })
  const hook = await api.triggers.webhooks.enable({
    workflowId: saved.workflowId,
    signed: options.signed ?? false,
  })
  return { workflowId: saved.workflowId, hook }
}

describe('webhook trigger', () => {
  it('starts a run whose inputs are the JSON body, with trigger "webhook"', async () => {
    const { workflowId, hook } = await workflowWithWebhook()
    expect(hook.path).toBe(`/api/hooks/${hook.token}`)
    const reply = await post(hook.path, JSON.stringify({ name: 'Ada', times: 2 }))
    expect(reply.status).toBe(202)
    const runId = reply.body.runId as string
    const [run] = await database.db.select().from(executions).where(eq(executions.id, runId))
    expect(run).toMatchObject({ workflowId, trigger: 'webhook', inputs: { name: 'Ada', times: 2 } })
    const status = await api.triggers.webhooks.get({ workflowId })
    expect(status).toMatchObject({ enabled: true, signed: false, tokenHint: hook.token.slice(-4) })
    expect(status.lastTriggeredAt).toBeInstanceOf(Date)
  })

  it('refuses a body that is not declared as JSON with 415 and starts nothing', async () => {
    const { workflowId, hook } = await workflowWithWebhook()
    const text = await post(hook.path, 'name=Ada', { 'content-type': 'application/x-www-form-urlencoded' })
    expect(text.status).toBe(415)
    expect(text.body.error).toEqual({
      code: 'unsupported_media_type',
      message: expect.stringContaining('Content-Type: application/json') as string,
    })
    const none = await post(hook.path, '{"name":"Ada"}', {})
    expect(none.status).toBe(415)
    expect(await countRuns(database, workflowId)).toBe(0)
  })

  it('refuses malformed JSON with 400 saying where it broke', async () => {
    const { workflowId, hook } = await workflowWithWebhook()
    const reply = await post(hook.path, '{"name": "Ada",\n "times": }')
    expect(reply.status).toBe(400)
    expect(reply.body.error?.code).toBe('malformed_json')
    expect(reply.body.error?.message).toMatch(/not valid JSON \(line 2, column 11\)/)
    expect(await countRuns(database, workflowId)).toBe(0)
  })

  it('refuses a body over 1 MiB with 413, by Content-Length or while streaming', async () => {
    const { workflowId, hook } = await workflowWithWebhook()
    const big = JSON.stringify({ name: 'x'.repeat(1_100_000) })
    const declared = await post(hook.path, big)
    expect(declared.status).toBe(413)
    expect(declared.body.error?.message).toContain('1048576-byte limit')
    const streamed = await postChunked(hook.path, big)
    expect(streamed).toBe(413)
    expect(await countRuns(database, workflowId)).toBe(0)
  })

  it('refuses inputs that do not fit the input schema with 422 naming each field, and starts nothing', async () => {
    const { workflowId, hook } = await workflowWithWebhook()
    const reply = await post(hook.path, JSON.stringify({ times: 9, colour: 'red' }))
    expect(reply.status).toBe(422)
    expect(reply.body.error?.issues?.map((i) => i.path)).toEqual([
      ['inputs', 'name'],
      ['inputs', 'times'],
      ['inputs', 'colour'],
    ])
    expect(reply.body.error?.message).toContain('Input "times" must be at most 5.')
    const notAnObject = await post(hook.path, '[1, 2]')
    expect(notAnObject.status).toBe(422)
    expect(await countRuns(database, workflowId)).toBe(0)
  })

  it('answers 404 for unknown, rotated and disabled URLs, and 405 for other methods', async () => {
    const { workflowId, hook } = await workflowWithWebhook()
    expect((await post('/api/hooks/rfwh_this-token-does-not-exist', '{"name":"Ada"}')).status).toBe(404)
    expect((await post('/api/hooks/x', '{}')).status).toBe(404)
    expect((await fetch(`${http.base}${hook.path}`)).status).toBe(405)

    const rotated = await api.triggers.webhooks.rotate({ workflowId })
    expect(rotated.token).not.toBe(hook.token)
    expect((await post(hook.path, '{"name":"Ada"}')).status).toBe(404)
    expect((await post(rotated.path, '{"name":"Ada"}')).status).toBe(202)

    await api.triggers.webhooks.disable({ workflowId })
    const gone = await post(rotated.path, '{"name":"Ada"}')
    expect(gone.status).toBe(404)
    expect(gone.body.error?.message).toContain('disabled or rotated')
    expect(await countRuns(database, workflowId)).toBe(1)
  })

  it('requires a valid HMAC signature when the webhook is signed', async () => {
    const { workflowId, hook } = await workflowWithWebhook({ signed: true })
    expect(hook.signingSecret).toMatch(/^rfws_/)
    const body = JSON.stringify({ name: 'Grace' })
    const json = { 'content-type': 'application/json' }
    const missing = await post(hook.path, body)
    expect(missing.status).toBe(401)
    expect(missing.body.error?.message).toContain('x-relayflow-signature')
    const wrongKey = await post(hook.path, body, {
      ...json,
      'x-relayflow-signature': signWebhookRequest('not-the-secret', body),
    })
    expect(wrongKey.status).toBe(401)
    const otherBody = signWebhookRequest(hook.signingSecret ?? '', '{"name":"Eve"}')
    expect((await post(hook.path, body, { ...json, 'x-relayflow-signature': otherBody })).status).toBe(401)
    expect(await countRuns(database, workflowId)).toBe(0)

    const good = await post(hook.path, body, {
      ...json,
      'x-relayflow-signature': signWebhookRequest(hook.signingSecret ?? '', body),
    })
    expect(good.status).toBe(202)
    expect(await countRuns(database, workflowId, 'webhook')).toBe(1)
  })

  it('accepts a signed request once: a replay or a stale timestamp is refused, with no run (issue 16, finding 9)', async () => {
    const { workflowId, hook } = await workflowWithWebhook({ signed: true })
    const secret = hook.signingSecret ?? ''
    const body = JSON.stringify({ name: 'Grace' })
    const signed = (signature: string) => ({ 'content-type': 'application/json', 'x-relayflow-signature': signature })
    const seen = async () =>
      (await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM webhook_signatures_seen`))[0]?.n
    const now = Math.floor(clock.now().getTime() / 1000)

    const captured = signed(signWebhookRequest(secret, body, now))
    expect((await post(hook.path, body, captured)).status).toBe(202)
    const seenAfterFirst = await seen()
    const replay = await post(hook.path, body, captured)
    expect(replay.status).toBe(401)
    expect(replay.body.error?.code).toBe('replayed_signature')

    const stale = await post(hook.path, body, signed(signWebhookRequest(secret, body, now - SIGNATURE_WINDOW_SECONDS - 5)))
    expect(stale.status).toBe(401)
    expect(stale.body.error?.code).toBe('stale_signature')
    const future = await post(hook.path, body, signed(signWebhookRequest(secret, body, now + SIGNATURE_WINDOW_SECONDS + 5)))
    expect(future.body.error?.code).toBe('stale_signature')
    // The old format (no timestamp) and a timestamp changed after signing are refused too.
    const bare = `sha256=${signWebhookRequest(secret, body, now).split('sha256=')[1] ?? ''}`
    expect((await post(hook.path, body, signed(bare))).body.error?.code).toBe('invalid_signature')
    const moved = signWebhookRequest(secret, body, now).replace(`t=${now}`, `t=${now + 1}`)
    expect((await post(hook.path, body, signed(moved))).body.error?.code).toBe('invalid_signature')

    expect(await countRuns(database, workflowId, 'webhook')).toBe(1)
    expect(await seen()).toBe(seenAfterFirst)
    // Signed again (a new timestamp), the same body is a new request.
    expect((await post(hook.path, body, signed(signWebhookRequest(secret, body, now + 1)))).status).toBe(202)
  })

  it('with ?wait=N replies 200 with the final status and step outputs once the run ends', async () => {
    const { hook } = await workflowWithWebhook()
    const reply = await post(`${hook.path}?wait=10`, JSON.stringify({ name: 'Linus', times: 3 }))
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({
      status: 'succeeded',
      error: null,
      output: { greet: { message: 'Hello Linus', times: 3 } },
    })
    expect(typeof reply.body.runId).toBe('string')
  })

  it('with ?wait=N replies 202 with the run id when the run outlasts the wait, and refuses a bad wait', async () => {
    const slow = [
      {
        id: 'nap',
        name: 'Nap',
        type: 'command',
        action: 'sleep',
        params: { ms: 3000 },
        dependencies: ['greet'],
      },
    ]
    const { hook } = await workflowWithWebhook({ extraSteps: slow })
    const started = Date.now()
    const reply = await post(`${hook.path}?wait=1`, '{"name":"Ada"}')
    expect(reply.status).toBe(202)
    expect(reply.body).toMatchObject({ status: 'running' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
    for (const wait of ['31', 'soon', '-1']) {
      const bad = await post(`${hook.path}?wait=${wait}`, '{"name":"Ada"}')
      expect(bad.status).toBe(400)
      expect(bad.body.error?.message).toContain('wait must be')
    }
  })
})

/** A POST without Content-Length (chunked), so the limit must be enforced while reading. */
function postChunked(path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${http.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    })
    req.on('response', (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.slice(at, at + 64 * 1024))
    req.end()
  })
}
