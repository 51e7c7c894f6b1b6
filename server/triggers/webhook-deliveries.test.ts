// The webhook's deliveries over real HTTP: the editor's copy-paste curl command (run by bash, signed
// with openssl) starts a run, and `triggers.webhooks.deliveries` lists that run to a viewer, newest
// first, leaving out runs that other triggers started.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AUTH_ON, sessionCookieFor } from '@/server/testing/auth-test-kit'
import { startHttpTestServer, trpcQuery } from '@/server/testing/http-test-server'
import { connectTestDatabase, createTestApi, uniqueName } from '@/server/testing/test-api'
import { webhookCurlExample } from './webhook-curl-example'

const run = promisify(execFile)
const database = connectTestDatabase()
const { api } = createTestApi(database)
let server: Awaited<ReturnType<typeof startHttpTestServer>>
let viewer: string

beforeAll(async () => {
  server = await startHttpTestServer(database, { now: () => new Date() }, AUTH_ON)
  viewer = (await sessionCookieFor(database, 'viewer')).cookie
})
afterAll(async () => {
  await server.close()
  await database.close()
})

/** In-process steps only, so a run needs no device. */
async function newWorkflow() {
  const definition = {
    name: uniqueName('Deliveries'),
    inputs: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
    steps: [
      { id: 'greet', name: 'Greet', type: 'transform', output: { greeting: 'hello {{ inputs.name }}' } },
    ],
  }
  return (await api.workflows.create({ definition })).workflowId
}

async function runCurlExample(snippet: string): Promise<string> {
  const { stdout } = await run('bash', ['-c', snippet])
  return (JSON.parse(stdout) as { runId: string }).runId
}

type Deliveries = { items: { runId: string; status: string; receivedAt: Date }[] }

async function deliveriesAsViewer(workflowId: string, limit?: number): Promise<Deliveries> {
  const reply = await trpcQuery(
    server.base,
    'triggers.webhooks.deliveries',
    { workflowId, limit },
    { cookie: viewer },
  )
  expect(reply.error).toBeUndefined()
  return reply.data as Deliveries
}

describe('webhook deliveries', () => {
  it('lists the run that the signed curl example started, to a viewer', async () => {
    const workflowId = await newWorkflow()
    const issued = await api.triggers.webhooks.enable({ workflowId, signed: true })
    const snippet = webhookCurlExample({
      url: `${server.base}${issued.path}`,
      body: JSON.stringify({ name: "O'Brien" }),
      signingSecret: issued.signingSecret,
    })
    const runId = await runCurlExample(snippet)
    const { items } = await deliveriesAsViewer(workflowId)
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({ runId, status: 'succeeded' })
    expect((await api.runs.get({ id: runId })).inputs).toEqual({ name: "O'Brien" })
  })

  it('lists webhook runs only, newest first, up to the limit', async () => {
    const workflowId = await newWorkflow()
    const issued = await api.triggers.webhooks.enable({ workflowId })
    const url = `${server.base}${issued.path}`
    const first = await runCurlExample(webhookCurlExample({ url, body: '{"name":"a"}', signingSecret: null }))
    await api.runs.start({ workflowId, inputs: { name: 'manual' } })
    const second = await runCurlExample(
      webhookCurlExample({ url, body: '{"name":"b"}', signingSecret: null }),
    )
    expect((await deliveriesAsViewer(workflowId)).items.map((d) => d.runId)).toEqual([second, first])
    expect((await deliveriesAsViewer(workflowId, 1)).items.map((d) => d.runId)).toEqual([second])
  })

  it('answers NOT_FOUND for an unknown workflow and refuses a caller who is not signed in', async () => {
    const missing = '00000000-0000-4000-8000-000000000000'
    const unknown = await trpcQuery(
      server.base,
      'triggers.webhooks.deliveries',
      { workflowId: missing },
      { cookie: viewer },
    )
    expect(unknown.error?.data.code).toBe('NOT_FOUND')
    const anonymous = await trpcQuery(server.base, 'triggers.webhooks.deliveries', { workflowId: missing })
    expect(anonymous.error?.data.code).toBe('UNAUTHORIZED')
  })
})
