// The parts of the webhook end-to-end bench that stand it up: a real server process on its own
// port, an admin API token, an agent in another process, the bench workflows with signed webhook
// triggers, and how a request to them is signed.
import { spawn, type ChildProcess } from 'node:child_process'
import { TRPCClientError } from '@trpc/client'
import { connectDatabase } from '../db/client'
import { createApiClient, type ApiClient } from '../cli/api-client'
import { startServerProcess, type ServerProcess } from '../e2e/support/server-process'
import { createApiToken } from '../server/auth/api-token-store'
import { createUser } from '../server/auth/user-store'
import { signWebhookRequest, SIGNATURE_HEADER } from '../server/triggers/webhook-secrets'

const clock = { now: () => new Date() }

/**
 * The headers that sign one webhook request (`t=<now>,sha256=…`, docs/triggers.md): autocannon
 * calls it for every request. A signature is accepted once, so every body must differ (`nonceBody`).
 */
export function signedHeaders(secret: string, body: string): Record<string, string> {
  return { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhookRequest(secret, body) }
}

let nonce = 0
/** The bench inputs with a fresh `nonce`, so no two signed requests are the same (replays are refused). */
export function nonceBody(): string {
  nonce++
  return JSON.stringify({ ...BENCH_INPUTS, nonce })
}

export type BenchServer = ServerProcess & { api: ApiClient; pid: number }

/** server/main.ts (as `npm start` runs it, without the web app unless `roles` has `web`), auth on, demo devices off. */
export async function startBenchServer(options: {
  databaseUrl: string
  port: number
  roles: string
  dataDir: string
  logLevel: string
}): Promise<BenchServer> {
  const server = await startServerProcess({
    port: options.port,
    env: {
      DATABASE_URL: options.databaseUrl,
      HOST: '127.0.0.1',
      RELAYFLOW_ROLES: options.roles,
      RELAYFLOW_DATA_DIR: options.dataDir,
      RELAYFLOW_DEMO_DEVICES: '0',
      RELAYFLOW_AUTH: 'on',
      LOG_LEVEL: options.logLevel,
      NODE_ENV: 'production',
    },
  })
  try {
    const token = await createAdminToken(options.databaseUrl)
    const pid = server.process.pid
    if (pid === undefined) throw new Error('the server process has no pid')
    return {
      ...server,
      url: server.url.replace('localhost', '127.0.0.1'),
      api: createApiClient(server.url, token),
      pid,
    }
  } catch (error) {
    await server.stop()
    throw error
  }
}

/** An admin account and an admin API token, written straight to the bench database as the tests do. */
async function createAdminToken(databaseUrl: string): Promise<string> {
  const database = connectDatabase(databaseUrl, { max: 1 })
  try {
    const deps = { db: database.db, clock }
    const user = await createUser(deps, {
      email: `bench-${Date.now()}@relayflow.test`,
      name: 'Bench admin',
      role: 'admin',
      password: `bench-${Math.random().toString(36).slice(2)}-password`,
    })
    const created = await createApiToken(deps, {
      userId: user.id,
      creatorRole: 'admin',
      name: 'webhook bench',
      role: 'admin',
      expiresInDays: 1,
    })
    return created.token
  } finally {
    await database.close()
  }
}

export type BenchAgent = { process: ChildProcess; pid: number; stop: () => Promise<void> }

/** `relayflow-agent` in its own process with a fresh device token; resolves once the server lists it online. */
export async function startBenchAgent(server: BenchServer, options: { tag: string; concurrency: number }) {
  const device = await server.api.devices.createToken.mutate({
    name: `bench-agent-${options.tag}`,
    tags: [options.tag],
    serverUrl: server.url,
  })
  const child = spawn(
    process.execPath,
    [
      'agent/bin/relayflow-agent',
      ...['--server', server.url, '--token', device.token, '--name', `bench-agent-${options.tag}`],
      ...['--tags', options.tag, '--concurrency', String(options.concurrency), '--quiet'],
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  )
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
  const deadline = Date.now() + 60_000
  for (;;) {
    const { items } = await server.api.devices.list.query({ tag: options.tag })
    if (items.some((d) => d.id === device.deviceId && d.status === 'online')) break
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop()
      throw new Error(`the bench agent did not come online (exit code ${child.exitCode})`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  if (child.pid === undefined) throw new Error('the agent process has no pid')
  return { process: child, pid: child.pid, stop }
}

const ADDEND_INPUTS = {
  type: 'object',
  properties: { a: { type: 'integer' }, b: { type: 'integer' }, nonce: { type: 'integer' } },
  required: ['a', 'b'],
}

/** The request body every scenario sends, and the result its 3rd step must return. */
export const BENCH_INPUTS = { a: 20, b: 22 }
export const EXPECTED_RESULT = 2 * (BENCH_INPUTS.a + BENCH_INPUTS.b) + BENCH_INPUTS.a

/** 3 chained `echo` commands on the agent: the 3rd returns a value computed from the inputs and earlier outputs. */
export function echoWorkflow(tag: string) {
  const target = { selector: { tags: [tag] } }
  return {
    name: `Bench webhook echo ${Date.now()}`,
    inputs: ADDEND_INPUTS,
    steps: [
      {
        id: 's1',
        name: 'Sum',
        type: 'command',
        action: 'echo',
        target,
        params: { sum: '{{ inputs.a + inputs.b }}' },
      },
      {
        id: 's2',
        name: 'Double',
        type: 'command',
        action: 'echo',
        target,
        params: { total: '{{ steps.s1.output.sum + steps.s1.output.sum }}' },
        dependencies: ['s1'],
      },
      {
        id: 's3',
        name: 'Result',
        type: 'command',
        action: 'echo',
        target,
        params: { result: '{{ steps.s2.output.total + inputs.a }}' },
        dependencies: ['s2'],
      },
    ],
  }
}

/** The same arithmetic in 3 device-less `transform` steps. */
export function transformWorkflow() {
  return {
    name: `Bench webhook transform ${Date.now()}`,
    inputs: ADDEND_INPUTS,
    steps: [
      { id: 's1', name: 'Sum', type: 'transform', output: { sum: '{{ inputs.a + inputs.b }}' } },
      {
        id: 's2',
        name: 'Double',
        type: 'transform',
        output: { total: '{{ steps.s1.output.sum + steps.s1.output.sum }}' },
        dependencies: ['s1'],
      },
      {
        id: 's3',
        name: 'Result',
        type: 'transform',
        output: { result: '{{ steps.s2.output.total + inputs.a }}' },
        dependencies: ['s2'],
      },
    ],
  }
}

export type BenchHook = { workflowId: string; url: string; secret: string }

/**
 * Creates the workflow and a signed webhook for it. `{ refused }` when the server does not accept
 * the workflow (e.g. a step type it does not have yet), with the server's reason.
 */
export async function createHookedWorkflow(
  server: BenchServer,
  definition: unknown,
): Promise<BenchHook | { refused: string }> {
  let workflowId: string
  try {
    workflowId = (await server.api.workflows.create.mutate({ definition })).workflowId
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const issues = (error.data as { issues?: { message: string }[] } | undefined)?.issues ?? []
      return { refused: [error.message, ...issues.map((i) => i.message)].join(' ') }
    }
    throw error
  }
  const hook = await server.api.triggers.webhooks.enable.mutate({ workflowId, signed: true })
  if (!hook.signingSecret) throw new Error('the webhook was enabled without a signing secret')
  return { workflowId, url: `${server.url}${hook.path}`, secret: hook.signingSecret }
}

/** One signed call with `?wait`: the run's answer, to check the workflow computes what it should. */
export async function callHookOnce(hook: BenchHook, waitSeconds: number) {
  const body = nonceBody()
  const response = await fetch(`${hook.url}?wait=${waitSeconds}`, {
    method: 'POST',
    headers: signedHeaders(hook.secret, body),
    body,
  })
  const answer = (await response.json()) as { status?: string; output?: { s3?: { result?: unknown } } }
  return { httpStatus: response.status, status: answer.status, result: answer.output?.s3?.result, answer }
}
