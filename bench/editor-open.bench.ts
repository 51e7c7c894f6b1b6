// Benchmark: open a generated 500-step workflow in the editor (real server, real Chromium) and
// report time to interactive and frame times while dragging a node. Budget (DESIGN.md §9):
// interactive in < 2 s, dragging smooth. Run: `npm run bench -- editor-open`.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Page } from '@playwright/test'
import { ensureBuild } from '../scripts/ensure-build'
import { findChromium } from '../scripts/find-chromium'

const STEPS = Number(process.env.BENCH_EDITOR_STEPS ?? 500)
const PORT = Number(process.env.BENCH_EDITOR_PORT ?? 3170)
const BASE = `http://localhost:${PORT}`
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** A layered DAG: 10 steps per layer, each depending on one or two steps of the layer before. */
export function generateWorkflow(n: number) {
  const types = ['command', 'command', 'condition', 'wait', 'webhook', 'parallel'] as const
  const steps = Array.from({ length: n }, (_, i) => {
    const layer = Math.floor(i / 10)
    const row = i % 10
    const type = types[i % types.length]!
    const fields =
      type === 'command'
        ? { action: 'echo', params: { message: `step ${i}` } }
        : type === 'condition'
          ? { expression: 'true' }
          : type === 'wait'
            ? { wait: { kind: 'duration', duration: '1s' } }
            : type === 'webhook'
              ? { request: { method: 'POST', url: 'https://example.com/hook' } }
              : { action: 'system.info', over: 'devices' }
    const deps: unknown[] = []
    if (layer > 0) {
      for (const from of new Set([(layer - 1) * 10 + row, (layer - 1) * 10 + ((row + 3) % 10)])) {
        const fromType = types[from % types.length]
        deps.push(fromType === 'condition' ? { step: `s${from}`, on: 'true' } : `s${from}`)
      }
    }
    return {
      id: `s${i}`,
      type,
      name: `Step ${i}`,
      ...fields,
      ...(deps.length > 0 ? { dependencies: deps } : {}),
      position: { x: layer * 320, y: row * 200 },
    }
  })
  return { schemaVersion: 1, name: `Bench editor ${Date.now()}`, steps }
}

async function waitForHealth(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error('the server did not become healthy in time')
}

function startServer(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    stdio: 'ignore',
    env: {
      ...process.env,
      PORT: String(PORT),
      RELAYFLOW_DATA_DIR: '.data/bench-editor',
      RELAYFLOW_DEMO_DEVICES: '0',
      // Measures opening the editor, not signing in; auth on is covered by e2e/auth-roles.spec.ts.
      RELAYFLOW_AUTH: 'off',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
  })
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return
  const exited = new Promise((r) => server.once('exit', r))
  server.kill('SIGTERM')
  await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))])
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

const round = (n: number) => Number(n.toFixed(1))

async function measureDrag(page: Page, nodeId: string) {
  const box = await page.locator(`.react-flow__node[data-id="${nodeId}"] .step-node-header`).boundingBox()
  if (!box) throw new Error(`node ${nodeId} is not visible`)
  // A string, not a function: tsx would wrap a function with helpers the page does not have.
  await page.evaluate(`(() => {
    window.__frames = []
    window.__recording = true
    const tick = (t) => {
      window.__frames.push(t)
      if (window.__recording) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })()`)
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  await page.mouse.move(x, y)
  await page.mouse.down()
  for (let i = 1; i <= 120; i++) {
    await page.mouse.move(x + i * 3, y + Math.sin(i / 10) * 60)
  }
  await page.mouse.up()
  const frames = await page.evaluate<number[]>(`(() => {
    window.__recording = false
    return window.__frames
  })()`)
  const deltas = frames.slice(1).map((t, i) => t - frames[i]!).sort((a, b) => a - b)
  return {
    frames: deltas.length,
    frameMsP50: round(percentile(deltas, 50)),
    frameMsP95: round(percentile(deltas, 95)),
    frameMsMax: round(deltas[deltas.length - 1] ?? 0),
    framesOver50ms: deltas.filter((d) => d > 50).length,
  }
}

export async function run(): Promise<Record<string, unknown>> {
  ensureBuild()
  const server = startServer()
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  })
  try {
    await waitForHealth(Date.now() + 120_000)
    const definition = generateWorkflow(STEPS)
    const created = await fetch(`${BASE}/api/trpc/workflows.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { definition } }),
    })
    if (!created.ok) throw new Error(`creating the workflow failed: ${created.status} ${await created.text()}`)
    const id = ((await created.json()) as { result: { data: { json: { workflowId: string } } } }).result.data.json
      .workflowId
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } })
    // Warm the route once (compiles nothing in production, but loads the JS into the cache like a returning user).
    await page.goto(`${BASE}/workflows/${id}`)
    await page.locator('.react-flow__node').first().waitFor()

    const started = Date.now()
    await page.goto(`${BASE}/workflows/${id}`)
    await page.locator('.react-flow__node').first().waitFor()
    const firstNodesMs = Date.now() - started
    const target = page.locator('.react-flow__node').first()
    const targetId = (await target.getAttribute('data-id')) ?? 's0'
    await page.locator(`.react-flow__node[data-id="${targetId}"] .step-node-header`).click()
    await page.getByRole('region', { name: /^Inspector: / }).waitFor()
    const interactiveMs = Date.now() - started
    await page.getByText(/Problems/).first().waitFor()
    const renderedNodes = await page.locator('.react-flow__node').count()
    const drag = await measureDrag(page, targetId)
    return {
      steps: STEPS,
      firstNodesMs,
      interactiveMs,
      budgetInteractiveMs: 2000,
      renderedNodes,
      drag,
    }
  } finally {
    await browser.close()
    await stopServer(server)
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await run(), null, 2))
}
