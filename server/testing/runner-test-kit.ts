// Helpers for runner integration tests: a real database, a workflow saved through the store,
// a runner over the demo fleet (no latency) and a way to wait for a run to reach a status.
import { asc, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll } from 'vitest'
import type { Database } from '@/db/client'
import { executionEvents, executions, stepExecutions } from '@/db/schema'
import { createDemoFleet, DEFAULT_DEMO_DEVICES, DEMO_CAPABILITIES } from '@/server/devices/fleet/demo-fleet'
import type { DeviceDriver, DispatchRequest, DispatchResult } from '@/server/runner/ports'
import { createLogger } from '@/server/platform/logger'
import { stepSecrets } from '@/server/secrets/step-secrets'
import { connectTestDatabase } from '@/server/testing/test-api'
import { createWorkflow } from '@/server/workflows/workflow-store'
import { startRunner, type RunnerOptions, type RunningRunner } from '@/server/runner/runner'
import { startRun } from '@/server/runner/run-store'

/** Real time plus an offset the test can advance, so timers come due without sleeping. */
export function createTestClock() {
  const clock = {
    offsetMs: 0,
    now: () => new Date(Date.now() + clock.offsetMs),
    advance: (ms: number) => (clock.offsetMs += ms),
  }
  return clock
}

/**
 * The demo fleet plus scripted actions for tests: `flaky` fails `params.failTimes` times per
 * `params.key` (retryable) then succeeds; `nul` outputs a NUL character; every dispatch is recorded.
 */
export function createScriptedDriver() {
  const fleet = createDemoFleet({ latencyScale: 0 })
  const failures = new Map<string, number>()
  const dispatched: DispatchRequest[] = []
  const driver: DeviceDriver = {
    matchDevices: (target, action) =>
      fleet.matchDevices(target, action === 'flaky' || action === 'nul' ? 'echo' : action),
    dispatch(request): Promise<DispatchResult> {
      dispatched.push(request)
      if (request.action === 'nul')
        return Promise.resolve({ ok: true, output: { text: 'a\u0000b' }, deviceId: 'scripted' })
      if (request.action !== 'flaky') return fleet.dispatch(request)
      const key = String(request.params.key)
      const seen = failures.get(key) ?? 0
      failures.set(key, seen + 1)
      if (seen < Number(request.params.failTimes ?? 0)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'flaky', message: `failure ${seen + 1}`, retryable: true },
        })
      }
      return Promise.resolve({ ok: true, output: { attempts: seen + 1 }, deviceId: 'scripted' })
    },
  }
  return { driver, dispatched }
}

/**
 * Registers the scripted driver's devices in the database (offline, never connected), so the
 * trigger-time device pre-flight lets runs start: runs.start, webhooks and schedules refuse a run
 * whose steps no registered device offers. Idempotent.
 */
export async function registerScriptedFleet(database: Database): Promise<void> {
  const capabilities = JSON.stringify([...DEMO_CAPABILITIES, 'flaky', 'nul'])
  for (const device of DEFAULT_DEMO_DEVICES) {
    const id = `scripted-${device.id}`
    await database.db.execute(sql`
      INSERT INTO devices (id, name, token_hash, token_prefix, tags, capabilities, max_concurrency)
      VALUES (${id}, ${id}, ${`scripted-token-${id}`}, 'scripted', ${JSON.stringify(device.tags)}::jsonb, ${capabilities}::jsonb, ${device.maxConcurrency})
      ON CONFLICT (id) DO NOTHING`)
  }
}

export function startTestRunner(
  database: Database,
  overrides: Partial<RunnerOptions> & Pick<RunnerOptions, 'clock' | 'drivers'>,
) {
  return startRunner({
    db: database.db,
    sql: database.sql,
    logger: createLogger('silent'),
    pollMs: 50,
    leaseMs: 2000,
    sweepMs: 100,
    drainMs: 500,
    secrets: stepSecrets,
    ...overrides,
  })
}

export async function startTestRun(
  database: Database,
  clock: { now: () => Date },
  definition: Record<string, unknown>,
  inputs: Record<string, unknown> = {},
) {
  const name = `${typeof definition.name === 'string' ? definition.name : 'run'} ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
  const saved = await createWorkflow({ db: database.db, clock }, { definition: { ...definition, name } })
  const { executionId } = await startRun({ db: database.db, clock }, { workflowId: saved.workflowId, inputs })
  return { executionId, workflowId: saved.workflowId }
}

export async function loadRun(database: Database, executionId: string) {
  const [execution] = await database.db.select().from(executions).where(eq(executions.id, executionId))
  const steps = await database.db
    .select()
    .from(stepExecutions)
    .where(eq(stepExecutions.executionId, executionId))
  const events = await database.db
    .select()
    .from(executionEvents)
    .where(eq(executionEvents.executionId, executionId))
    .orderBy(asc(executionEvents.seq))
  if (!execution) throw new Error(`no execution ${executionId}`)
  const byStep = Object.fromEntries(steps.map((s) => [s.stepId, s]))
  const statuses = Object.fromEntries(steps.map((s) => [s.stepId, s.status]))
  return { execution, steps: byStep, statuses, events }
}

/**
 * Polls until `predicate` holds for the run (or throws with the run's state after `timeoutMs`). The
 * default is generous: it bounds a hung test, it does not time the runner (budgets live in bench/).
 */
export async function waitForRun(
  database: Database,
  executionId: string,
  predicate: (run: Awaited<ReturnType<typeof loadRun>>) => boolean = (run) =>
    run.execution.status !== 'running' && run.execution.status !== 'queued',
  timeoutMs = 20_000,
) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const run = await loadRun(database, executionId)
    if (predicate(run)) return run
    if (Date.now() > deadline)
      throw new Error(
        `run ${executionId} did not reach the expected state: ${run.execution.status} ${JSON.stringify(run.statuses)}`,
      )
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** One runner per test file over a scripted device driver, started and stopped with the file. */
/**
 * Test files share one database and run one after another: a run an earlier file left unfinished
 * would be picked up by this file's runner and counted in its numbers. They are cancelled first.
 */
export async function cancelLeftoverRuns(database: Database): Promise<void> {
  await database.db.execute(sql`
    WITH steps AS (
      UPDATE step_executions SET status = 'cancelled', finished_at = now(),
        lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL
      WHERE status IN ('pending', 'ready', 'running', 'waiting')
    )
    UPDATE executions SET status = 'cancelled', finished_at = now() WHERE status IN ('queued', 'running')`)
}

export function createRunnerHarness(overrides: Partial<RunnerOptions> = {}) {
  const database = connectTestDatabase()
  const clock = createTestClock()
  const { driver, dispatched } = createScriptedDriver()
  let runner: RunningRunner | undefined
  beforeAll(async () => {
    await cancelLeftoverRuns(database)
    runner = startTestRunner(database, { clock, drivers: { devices: driver }, random: () => 0, ...overrides })
  })
  afterAll(async () => {
    await runner?.stop()
    await database.close()
  })
  return { database, clock, driver, dispatched }
}

/** A command step running the demo `echo` action. */
export const echoStep = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: id,
  type: 'command',
  action: 'echo',
  ...extra,
})
