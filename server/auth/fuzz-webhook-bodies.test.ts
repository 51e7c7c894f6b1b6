// Property-based fuzzing of webhook trigger requests (fast-check): arbitrary bodies, content types
// and `?wait` values at a real trigger URL, signed and unsigned. No 5xx; every refusal is a JSON
// error with a code; runs are created only by accepted (202) calls.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { greetingWorkflow } from '@/server/testing/trigger-test-kit'
import { signWebhookRequest } from '@/server/triggers/webhook-secrets'
import { connectTestDatabase, createTestApi } from '@/server/testing/test-api'
import { startEntryTestServer } from '@/server/testing/entry-test-server'
import {
  anyJson,
  count,
  FUZZ_RUNS,
  hostileJson,
  nastyValue,
  nearlyShaped,
  reportTally,
  rowCounts,
  type Tally,
} from '@/server/testing/fuzz-kit'

vi.setConfig({ testTimeout: 120_000 }) // typically 5–35 s; headroom for a loaded machine

const database = connectTestDatabase()
const { api } = createTestApi(database)
let server: Awaited<ReturnType<typeof startEntryTestServer>>
const hooks: { path: string; signingSecret: string | null }[] = []

beforeAll(async () => {
  server = await startEntryTestServer(database)
  for (const signed of [false, true]) {
    const { workflowId } = await api.workflows.create({
      definition: { schemaVersion: 1, ...greetingWorkflow() },
    })
    const hook = await api.triggers.webhooks.enable({ workflowId, signed })
    hooks.push({ path: hook.path, signingSecret: hook.signingSecret })
  }
})
afterAll(async () => {
  // The accepted calls started runs no runner here executes: cancel them, so a later test file's
  // runner does not pick them up and count their steps as its own.
  await database.sql`UPDATE step_executions SET status = 'cancelled', finished_at = now()
      WHERE status IN ('pending', 'ready') AND execution_id IN (SELECT id FROM executions WHERE trigger = 'webhook' AND status IN ('queued', 'running'))`
  await database.sql`UPDATE executions SET status = 'cancelled', finished_at = now()
      WHERE trigger = 'webhook' AND status IN ('queued', 'running')`
  await server.close()
  await database.close()
})

const body = fc.oneof(
  anyJson.map((v) => JSON.stringify(v)),
  nearlyShaped(['name', 'times', 'colour']).map((v) => JSON.stringify(v)),
  fc
    .record({ name: fc.string({ minLength: 1, maxLength: 10 }), times: fc.integer({ min: -2, max: 8 }) })
    .map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  nastyValue.map((v) => `${JSON.stringify(v)}}`),
)
const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  fc.constantFrom(
    'application/json; charset=latin1',
    'text/plain',
    'application/vnd.x+json',
    '',
    'multipart/form-data',
  ),
  fc.string({ maxLength: 40 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
)
/** Only waits that return at once: no runner here, so a valid `?wait=N > 0` would just wait. */
const wait = fc.constantFrom('', '?wait=0', '?wait=abc', '?wait=-1', '?wait=31', '?wait=9999999', '?wait=1.5')
const signature = fc.oneof(fc.constant('good'), fc.constant('none'), fc.string({ maxLength: 70 }))

describe('fuzzing webhook trigger bodies', () => {
  it('no 5xx, JSON refusals with a code, and runs only from accepted calls', async () => {
    const before = await rowCounts(database, ['executions'])
    const tally: Tally = new Map()
    let accepted = 0
    await fc.assert(
      fc.asyncProperty(
        fc.nat(hooks.length - 1),
        body,
        contentType,
        wait,
        signature,
        async (h, text, type, query, sig) => {
          const hook = hooks[h]!
          const headers: Record<string, string> = type ? { 'content-type': type } : {}
          if (hook.signingSecret && sig === 'good')
            headers['x-relayflow-signature'] = signWebhookRequest(hook.signingSecret, Buffer.from(text))
          else if (sig !== 'none' && sig !== 'good' && /^[\x20-\x7e]*$/.test(sig))
            headers['x-relayflow-signature'] = sig
          const response = await fetch(`${server.base}${hook.path}${query}`, {
            method: 'POST',
            headers,
            body: text,
          })
          const reply = (await response.json()) as {
            runId?: string
            error?: { code?: string; message?: string }
          }
          count(tally, String(response.status))
          expect(response.status, `${type} ${query} ${text.slice(0, 200)}`).toBeLessThan(500)
          if (response.status === 202) {
            accepted++
            expect(reply.runId).toBeTruthy()
          } else {
            expect(reply.error?.code).toBeTruthy()
            expect(reply.error?.message).toBeTruthy()
          }
        },
      ),
      { numRuns: FUZZ_RUNS * 3 },
    )
    expect(await rowCounts(database, ['executions'])).toEqual({ executions: before.executions! + accepted })
    expect(reportTally('webhook trigger bodies', tally)).toBe(FUZZ_RUNS * 3)
    expect(accepted, 'some generated calls are valid, so the accepted path is exercised too').toBeGreaterThan(
      0,
    )
  })

  // The shared JSON guard (issue 15) refuses these shapes with a 400 naming the field.
  it('bodies with deep nesting and lone surrogates: no 5xx, runs only from accepted calls', async () => {
    const before = await rowCounts(database, ['executions'])
    const tally: Tally = new Map()
    let accepted = 0
    await fc.assert(
      fc.asyncProperty(fc.nat(hooks.length - 1), hostileJson, async (h, value) => {
        const hook = hooks[h]!
        const text = JSON.stringify({ name: value })
        const headers: Record<string, string> = { 'content-type': 'application/json' }
        if (hook.signingSecret) headers['x-relayflow-signature'] = signWebhookRequest(hook.signingSecret, Buffer.from(text))
        const response = await fetch(`${server.base}${hook.path}`, { method: 'POST', headers, body: text })
        count(tally, String(response.status))
        expect(response.status, text.slice(0, 200)).toBeLessThan(500)
        if (response.status === 202) accepted++
      }),
      { numRuns: Math.ceil(FUZZ_RUNS / 2) },
    )
    expect(await rowCounts(database, ['executions'])).toEqual({ executions: before.executions! + accepted })
    reportTally('webhook bodies, hostile shapes', tally)
  })
})
