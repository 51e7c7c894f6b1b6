// `npm start` as a new user runs it: no DATABASE_URL, a fresh data directory, the embedded
// PostgreSQL. It must serve the app, stop cleanly on SIGTERM (taking Postgres with it)
// and, started again on the same directory, reuse the cluster and keep the data.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import superjson from 'superjson'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { findFreePort } from '@/db/embedded-postgres'
import { builtinTemplates } from '@/server/templates/builtin-templates'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
// The first start may run `next build`.
const HEALTHY_WITHIN_MS = 240_000
const EXIT_WITHIN_MS = 30_000
const TEST_TIMEOUT_MS = 300_000

type Exit = { code: number | null; signal: NodeJS.Signals | null }
type RunningStart = { child: ChildProcess; baseUrl: string; exited: Promise<Exit>; output: () => string }

const started: ChildProcess[] = []

async function startNpm(dataDir: string): Promise<RunningStart> {
  const port = await findFreePort()
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    RELAYFLOW_DATA_DIR: dataDir,
    RELAYFLOW_DEMO_DEVICES: '0',
    LOG_LEVEL: 'info',
  }
  // A new user has neither: the embedded cluster and the production default must be used.
  delete env.DATABASE_URL
  delete env.NODE_ENV
  // Its own process group, so afterAll can stop npm, tsx, node and postgres together.
  const child = spawn('npm', ['start'], {
    cwd: repoRoot,
    env: env as NodeJS.ProcessEnv, // Next's types make NODE_ENV required; leaving it out is the point
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  started.push(child)
  let log = ''
  const collect = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-20_000)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  return { child, baseUrl: `http://127.0.0.1:${port}`, exited, output: () => log }
}

async function waitUntilHealthy(run: RunningStart): Promise<void> {
  const deadline = Date.now() + HEALTHY_WITHIN_MS
  let hasExited = false
  void run.exited.then(() => (hasExited = true))
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`npm start exited before it was healthy. Output:\n${run.output()}`)
    try {
      const response = await fetch(`${run.baseUrl}/healthz`)
      if (response.ok && ((await response.json()) as { ok?: unknown }).ok === true) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`npm start was not healthy within ${HEALTHY_WITHIN_MS / 1000} s. Output:\n${run.output()}`)
}

async function waitForExit(run: RunningStart): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`npm start did not exit within ${EXIT_WITHIN_MS / 1000} s. Output:\n${run.output()}`),
        ),
      EXIT_WITHIN_MS,
    )
  })
  try {
    return await Promise.race([run.exited, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** tRPC over plain HTTP with the superjson transformer, as any client would call it. */
async function trpcQuery<T>(baseUrl: string, procedure: string, input?: unknown, cookie = ''): Promise<T> {
  const query =
    input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`
  return readTrpcResult<T>(await fetch(`${baseUrl}/api/trpc/${procedure}${query}`, { headers: { cookie } }))
}

async function trpcMutation<T>(baseUrl: string, procedure: string, input: unknown, cookie = ''): Promise<T> {
  const response = await fetch(`${baseUrl}/api/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(superjson.serialize(input)),
  })
  return readTrpcResult<T>(response)
}

/** Signs in through `auth.setup` or `auth.login`; returns the session cookie to send back. */
async function signIn(baseUrl: string, procedure: 'auth.setup' | 'auth.login', input: object): Promise<string> {
  const response = await fetch(`${baseUrl}/api/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(superjson.serialize(input)),
  })
  expect(response.status, await response.clone().text()).toBe(200)
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('relayflow_session='))
  expect(cookie, 'a session cookie').toBeDefined()
  return cookie!.split(';')[0]!
}

async function readTrpcResult<T>(response: Response): Promise<T> {
  const body = (await response.json()) as { result?: { data: Parameters<typeof superjson.deserialize>[0] } }
  if (!response.ok || !body.result)
    throw new Error(`tRPC call failed (${response.status}): ${JSON.stringify(body)}`)
  return superjson.deserialize<T>(body.result.data)
}

function postmasterPid(dataDir: string): number | undefined {
  const file = path.join(dataDir, 'pg', 'postmaster.pid')
  if (!existsSync(file)) return undefined
  return Number(readFileSync(file, 'utf8').split('\n')[0])
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Signals npm (or its whole group) and expects exit 0 with the server and its cluster gone. */
async function stopAndExpectCleanExit(
  run: RunningStart,
  dataDir: string,
  target: 'npm' | 'group',
): Promise<void> {
  const pgPid = postmasterPid(dataDir)
  expect(pgPid, 'embedded postgres is running from the data dir').toBeGreaterThan(0)
  process.kill(target === 'group' ? -run.child.pid! : run.child.pid!, 'SIGTERM')
  const exit = await waitForExit(run)
  expect(exit, `npm start output:\n${run.output()}`).toEqual({ code: 0, signal: null })
  await expect(fetch(`${run.baseUrl}/healthz`), 'the server still answers after npm exited').rejects.toThrow()
  expectPostgresStopped(dataDir, pgPid!)
}

/** Asserts the cluster of `dataDir` stopped: no postmaster.pid left and its process gone. */
function expectPostgresStopped(dataDir: string, pid: number): void {
  expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid')), 'postmaster.pid left behind').toBe(false)
  expect(isAlive(pid), `postgres (pid ${pid}) still running`).toBe(false)
}

describe('npm start', () => {
  let dataDir = ''
  const workflowName = `Start test ${randomBytes(4).toString('hex')}`
  // No default password anywhere: the first admin is whoever completes /setup.
  const admin = { email: 'first-admin@example.test', name: 'First Admin', password: randomBytes(12).toString('hex') }

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'relayflow-start-'))
    // As root, embedded Postgres runs as the `postgres` user, which must reach pg/ inside.
    chmodSync(dataDir, 0o755)
  })

  // Kill each whole group, even when npm itself is gone: what it started may still run,
  // and the next test must not find a leftover server or cluster.
  afterEach(() => {
    for (const child of started.splice(0)) {
      if (child.pid === undefined) continue
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        // the group is already empty
      }
    }
  })

  afterAll(() => {
    const orphan = dataDir ? postmasterPid(dataDir) : undefined
    if (orphan && isAlive(orphan)) process.kill(orphan, 'SIGKILL')
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it(
    'serves the app on a fresh data dir with the embedded database and exits 0 on SIGTERM',
    async () => {
      const run = await startNpm(dataDir)
      await waitUntilHealthy(run)

      // Auth is on by default: with no account yet, every page leads to /setup.
      const guarded = await fetch(`${run.baseUrl}/workflows`, { redirect: 'manual' })
      expect(guarded.status).toBe(303)
      expect(guarded.headers.get('location')).toBe('/setup')
      const anonymous = await fetch(`${run.baseUrl}/api/trpc/workflows.list`)
      expect(anonymous.status).toBe(401)
      const setupPage = await fetch(`${run.baseUrl}/setup`)
      expect(setupPage.status).toBe(200)
      expect(setupPage.headers.get('content-type')).toMatch(/^text\/html/)
      const cookie = await signIn(run.baseUrl, 'auth.setup', admin)

      const page = await fetch(`${run.baseUrl}/workflows`, { headers: { cookie } })
      expect(page.status).toBe(200)
      expect(page.headers.get('content-type')).toMatch(/^text\/html/)
      expect(await page.text()).toContain('<html')

      // The published JSON Schema is served at its stable URL and matches docs/.
      const schema = await fetch(`${run.baseUrl}/api/schema/workflow-v1.json`)
      expect(schema.status).toBe(200)
      expect(await schema.json()).toEqual(JSON.parse(readFileSync(path.join(repoRoot, 'docs/workflow.schema.json'), 'utf8')))

      const templates = await trpcQuery<{ name: string; isBuiltin: boolean }[]>(
        run.baseUrl,
        'templates.list',
        undefined,
        cookie,
      )
      const builtins = templates.filter((t) => t.isBuiltin).map((t) => t.name)
      expect(builtins.sort()).toEqual(builtinTemplates.map((t) => t.name).sort())

      const created = await trpcMutation<{ workflowId: string; version: number }>(
        run.baseUrl,
        'workflows.create',
        {
          definition: {
            schemaVersion: 1,
            name: workflowName,
            steps: [
              { id: 'hello', name: 'Say hello', type: 'command', action: 'echo', params: { message: 'hi' } },
            ],
          },
        },
        cookie,
      )
      expect(created.version).toBe(1)

      // As a supervisor stops it (docker stop, kill <pid>): only npm gets the signal.
      await stopAndExpectCleanExit(run, dataDir, 'npm')
    },
    TEST_TIMEOUT_MS,
  )

  it(
    'started again on the same data dir, reuses the cluster and still lists the workflow',
    async () => {
      const run = await startNpm(dataDir)
      await waitUntilHealthy(run)

      // The admin from the first start remains; setup is closed now.
      const guarded = await fetch(`${run.baseUrl}/workflows`, { redirect: 'manual' })
      expect(guarded.headers.get('location')).toBe('/login?next=%2Fworkflows')
      const cookie = await signIn(run.baseUrl, 'auth.login', { email: admin.email, password: admin.password })
      const list = await trpcQuery<{ items: { name: string }[] }>(
        run.baseUrl,
        'workflows.list',
        { search: workflowName },
        cookie,
      )
      expect(list.items.map((w) => w.name)).toEqual([workflowName])
      const templates = await trpcQuery<{ isBuiltin: boolean }[]>(run.baseUrl, 'templates.list', undefined, cookie)
      expect(templates.filter((t) => t.isBuiltin)).toHaveLength(builtinTemplates.length)

      // This time the whole process group gets it, as systemd (KillMode=control-group) sends it.
      await stopAndExpectCleanExit(run, dataDir, 'group')
    },
    TEST_TIMEOUT_MS,
  )
})
