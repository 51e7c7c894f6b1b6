// Benchmark: the run view's frame rate while a parallel step fans out over 200 real devices.
// A real server (its own database on DATABASE_URL's server, or an embedded one), 200 in-process
// agents over socket.io, Chromium on /runs/<id> with the fan-out step's inspector and branch list
// open; frames are recorded from the moment the gate is resumed until the page shows the run's
// final status. Budget (DESIGN.md §9, issue 6): smooth, ~60 fps, no long jank.
// Run: `npm run bench -- run-view-fanout` or `npx tsx bench/run-view-fanout.bench.ts`.
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Page } from '@playwright/test'
import postgres from 'postgres'
import { z } from 'zod'
import { createAgent, type Agent } from '../agent/index'
import { findFreePort } from '../db/embedded-postgres'
import { installFrameRecorder, startFrames, stopFrames } from '../e2e/support/frame-recorder'
import { startServerProcess, type ServerProcess } from '../e2e/support/server-process'
import { ensureBuild } from '../scripts/ensure-build'
import { findChromium } from '../scripts/find-chromium'
import {
  generateDeviceId,
  generateDeviceToken,
  hashDeviceToken,
  tokenDisplayPrefix,
} from '../server/devices/device-tokens'
import { freshDatabase } from './bench-database'

const DEVICES = Number(process.env.BENCH_FANOUT_DEVICES ?? 200)
const [MIN_MS, MAX_MS] = (process.env.BENCH_FANOUT_MS ?? '500-3000').split('-').map(Number) as [number, number]
const LOG_EVERY_MS = 250
/** What each branch sends while it works (BENCH_FANOUT_CHATTER: progress,logs | progress | logs | none). */
const CHATTER = new Set((process.env.BENCH_FANOUT_CHATTER ?? 'progress,logs').split(','))
const TAG = 'bench-fanout'

async function trpc<T>(base: string, procedure: string, input: unknown): Promise<T> {
  const response = await fetch(`${base}/api/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ json: input }),
  })
  if (!response.ok) throw new Error(`${procedure} failed: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json
}

async function query<T>(base: string, procedure: string, input: unknown): Promise<T> {
  const response = await fetch(`${base}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
  if (!response.ok) throw new Error(`${procedure} failed: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json
}

/** Registers `count` devices straight in the database (like the demo fleet) and connects an agent for each. */
async function startAgents(databaseUrl: string, serverUrl: string, count: number): Promise<Agent[]> {
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} })
  const agents: Agent[] = []
  try {
    for (let i = 0; i < count; i++) {
      const token = generateDeviceToken()
      const name = `fanout-${String(i).padStart(3, '0')}`
      await sql`INSERT INTO devices (id, name, token_hash, token_prefix, tags, max_concurrency)
                VALUES (${generateDeviceId()}, ${name}, ${hashDeviceToken(token)}, ${tokenDisplayPrefix(token)},
                        ${JSON.stringify([TAG])}::jsonb, 1)`
      const agent = createAgent({ server: serverUrl, token, name, tags: [TAG], concurrency: 1, builtinActions: false })
      agent.action('bench.work', z.record(z.string(), z.unknown()), async (_params, context) => {
        const ms = MIN_MS + Math.random() * (MAX_MS - MIN_MS)
        const started = Date.now()
        context.log(`${name}: working for ${Math.round(ms)} ms`)
        while (Date.now() - started < ms) {
          if (context.signal.aborted) throw context.signal.reason
          await new Promise((resolve) => setTimeout(resolve, Math.min(LOG_EVERY_MS, ms - (Date.now() - started))))
          if (CHATTER.has('progress')) context.progress(Math.min(100, Math.round(((Date.now() - started) / ms) * 100)))
          if (CHATTER.has('logs')) context.log(`${name}: ${Date.now() - started} ms`)
        }
        return { device: name, ms: Math.round(ms) }
      })
      agents.push(agent)
    }
  } finally {
    await sql.end({ timeout: 5 })
  }
  await Promise.all(agents.map((agent) => agent.start()))
  return agents
}

/** Where a fan-out's time goes, from the command rows: creating them, delivery to start, the result's way back. */
async function branchTimings(databaseUrl: string, executionId: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
  try {
    const [row] = await sql<Record<string, number | null>[]>`
      WITH c AS (
        SELECT c.* FROM device_commands c JOIN step_executions s ON s.id = c.step_execution_id
        WHERE s.execution_id = ${executionId}::uuid
      ), d AS (
        SELECT extract(epoch FROM started_at - created_at) * 1000 AS to_start,
               extract(epoch FROM finished_at - started_at) * 1000 - (output->>'ms')::numeric AS result_lag
        FROM c
      )
      SELECT (SELECT count(*) FROM c)::int AS commands,
             round(extract(epoch FROM (SELECT max(created_at) - min(created_at) FROM c)) * 1000)::int AS "createAllMs",
             round(percentile_cont(0.5) WITHIN GROUP (ORDER BY to_start))::int AS "createdToStartedMsP50",
             round(max(to_start))::int AS "createdToStartedMsMax",
             round(percentile_cont(0.5) WITHIN GROUP (ORDER BY result_lag))::int AS "resultLagMsP50",
             round(max(result_lag))::int AS "resultLagMsMax",
             round(extract(epoch FROM (SELECT e.finished_at FROM executions e WHERE e.id = ${executionId}::uuid)
                   - (SELECT max(finished_at) FROM c)) * 1000)::int AS "lastBranchToRunFinishedMs"
      FROM d`
    return row
  } finally {
    await sql.end({ timeout: 5 })
  }
}

async function openRunView(page: Page, base: string, executionId: string): Promise<void> {
  await installFrameRecorder(page)
  await page.goto(`${base}/runs/${executionId}`)
  await page.getByRole('status', { name: 'Live updates' }).filter({ hasText: 'Live' }).waitFor({ timeout: 60_000 })
  await page.locator('.react-flow__node[data-id="gate"] [data-step-status="waiting"]').waitFor({ timeout: 60_000 })
  await page.locator('.react-flow__node[data-id="fanout"]').click()
  await page.getByRole('complementary', { name: 'Step inspector' }).waitFor()
}

export async function run(): Promise<Record<string, unknown>> {
  ensureBuild()
  const database = await freshDatabase('fanout')
  let server: ServerProcess | undefined
  let agents: Agent[] = []
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  })
  try {
    server = await startServerProcess({
      port: await findFreePort(),
      env: {
        DATABASE_URL: database.url,
        RELAYFLOW_DATA_DIR: '.data/bench-fanout',
        RELAYFLOW_DEMO_DEVICES: '0',
        RELAYFLOW_AUTH: 'off',
        RELAYFLOW_SEED: '0',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
      },
    })
    const base = server.url
    const connectStarted = Date.now()
    agents = await startAgents(database.url, base, DEVICES)
    const connectMs = Date.now() - connectStarted
    await new Promise((resolve) => setTimeout(resolve, 2000)) // the runner's device snapshot refreshes every second

    const { workflowId } = await trpc<{ workflowId: string }>(base, 'workflows.create', {
      definition: {
        schemaVersion: 1,
        name: `Bench fan-out ${Date.now()}`,
        steps: [
          { id: 'gate', name: 'Gate', type: 'wait', wait: { kind: 'signal', signal: 'go' } },
          {
            id: 'fanout',
            name: `Fan out over ${DEVICES} devices`,
            type: 'parallel',
            action: 'bench.work',
            over: 'devices',
            target: { selector: { tags: [TAG] } },
            dependencies: ['gate'],
          },
        ],
      },
    })
    const { executionId } = await trpc<{ executionId: string }>(base, 'runs.start', { workflowId, inputs: {} })
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } })
    await openRunView(page, base, executionId)

    await startFrames(page)
    const resumedAt = Date.now()
    await trpc(base, 'runs.resume', { id: executionId, stepId: 'gate', signal: 'go' })
    const summary = page.getByRole('complementary', { name: 'Step inspector' }).getByLabel('Branch summary')
    await summary.waitFor({ timeout: 60_000 })
    const firstBranchesMs = Date.now() - resumedAt
    await summary.click() // opens the list of all branches, re-rendered on every poll
    const runStatus = page.getByRole('status', { name: 'Run status' })
    await runStatus.filter({ hasText: /^(succeeded|failed|cancelled)$/ }).waitFor({ timeout: 180_000 })
    const finalShownMs = Date.now() - resumedAt
    const frames = await stopFrames(page)
    const finalStatus = (await runStatus.textContent())?.trim()
    const branchSummary = (await summary.textContent())?.trim()
    const renderedBranches = await page.getByRole('region', { name: 'Branches' }).locator('li').count()
    const detail = await query<{ finishedAt: string | null }>(base, 'runs.get', { id: executionId })
    return {
      name: 'run-view-fanout',
      workload: `parallel step over ${DEVICES} in-process agents, each branch ${MIN_MS}-${MAX_MS} ms; every ${LOG_EVERY_MS} ms each sends: ${[...CHATTER].join(', ')}; /runs/<id> with the step's inspector and branch list open`,
      devices: DEVICES,
      agentsConnectMs: connectMs,
      finalStatus,
      branchSummary,
      renderedBranches,
      firstBranchesShownMs: firstBranchesMs,
      resumeToFinalStatusShownMs: finalShownMs,
      resumeToRunFinishedInDatabaseMs: detail.finishedAt ? Date.parse(detail.finishedAt) - resumedAt : null,
      branches: await branchTimings(database.url, executionId),
      frames,
      budget: { fps: 60, frameMsP95: 1000 / 60, longTasks: 0 },
      loadAverage: os.loadavg().map((n) => Number(n.toFixed(2))),
    }
  } finally {
    await browser.close()
    await Promise.all(agents.map((agent) => agent.stop()))
    await server?.stop()
    await database.drop()
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await run(), null, 2))
}
