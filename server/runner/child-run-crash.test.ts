// Runner crashes around `workflow` steps: a runner that dies holding the step creates no child
// (its late result is discarded), and runner processes killed mid-child lose no child run and
// start none twice.
import type { ChildProcess } from 'node:child_process'
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { connectTestDatabase } from '@/server/testing/test-api'
import { createWorkflow } from '@/server/workflows/workflow-store'
import { DefinitionCache } from './execution-state'
import { startRun } from './run-store'
import { createScriptedDriver, createTestClock, startTestRunner, waitForRun } from '@/server/testing/runner-test-kit'
import { spawnRunnerProcess } from '@/server/testing/spawn-runner-process'
import { applyCompletions } from './step-completion'
import { claimStepsWithEvents } from './step-queue'

const database = connectTestDatabase()
const clock = createTestClock()
const deps = { db: database.db, clock }
const processes: ChildProcess[] = []
afterAll(async () => {
  for (const child of processes) if (child.exitCode === null) child.kill('SIGKILL')
  await database.close()
})

const unique = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`

async function parentAndChild(childSteps: Record<string, unknown>[]) {
  const child = await createWorkflow(deps, {
    definition: { name: `Crash child ${unique()}`, steps: childSteps, outputs: { done: 'true' } },
  })
  const parent = await createWorkflow(deps, {
    definition: {
      name: `Crash parent ${unique()}`,
      steps: [{ id: 'call', name: 'call', type: 'workflow', workflow: { id: child.workflowId } }],
    },
  })
  return parent.workflowId
}

async function childCount(executionId: string): Promise<number> {
  const [row] = await database.db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM executions WHERE parent_execution_id = ${executionId}`,
  )
  return row?.n ?? 0
}

describe('workflow steps and runner crashes', () => {
  it('a runner that dies holding a workflow step starts no child; its late result is discarded', async () => {
    const workflowId = await parentAndChild([{ id: 'say', name: 'say', type: 'command', action: 'echo' }])
    const { executionId } = await startRun(deps, { workflowId })
    const claimed = await claimStepsWithEvents(database.db, 'runner-a', 100, clock.now(), 300)
    const mine = claimed.find((c) => c.executionId === executionId)
    if (!mine) throw new Error('runner-a claimed nothing')
    const { driver } = createScriptedDriver()
    const runnerB = startTestRunner(database, { clock, drivers: { devices: driver }, owner: 'runner-b', sweepMs: 50 })
    try {
      const run = await waitForRun(database, executionId)
      expect(run.execution.status).toBe('succeeded')
      expect(run.steps.call).toMatchObject({ output: { done: true }, interruptions: 1 })
      const late = await database.db.transaction((tx) =>
        applyCompletions(tx, { cache: new DefinitionCache(), now: clock.now(), random: () => 0 }, [
          {
            executionId,
            stepId: 'call',
            rowId: mine.rowId,
            leaseToken: mine.leaseToken,
            result: { kind: 'waiting', runAt: null, input: { start: { workflowId, version: 'latest', inputs: {} } } },
          },
        ]),
      )
      expect(late.discarded).toHaveLength(1)
      expect(await childCount(executionId)).toBe(1)
    } finally {
      await runnerB.stop()
    }
  })

  it('runner processes killed with SIGKILL while children run lose no child and start none twice', async () => {
    const spawn = async (owner: string) => {
      const child = await spawnRunnerProcess({
        databaseUrl: inject('databaseUrl'),
        owner,
        env: { RUNNER_LEASE_MS: '800', RUNNER_POLL_MS: '50', DEMO_LATENCY_SCALE: '0' },
      })
      processes.push(child)
      return child
    }
    const [victim, survivor] = await Promise.all([spawn('child-crash-victim'), spawn('child-crash-survivor')])
    const steps = Array.from({ length: 3 }, (_, i) => ({
      id: `s${i}`,
      name: `s${i}`,
      type: 'command',
      action: 'sleep',
      params: { ms: 400 },
      ...(i > 0 ? { dependencies: [`s${i - 1}`] } : {}),
    }))
    const workflowId = await parentAndChild(steps)
    const ids = await Promise.all(
      Array.from({ length: 12 }, () => startRun(deps, { workflowId }).then((r) => r.executionId)),
    )
    await expect
      .poll(async () => {
        const [row] = await database.db.execute<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM step_executions s JOIN executions x ON x.id = s.execution_id
              WHERE s.lease_owner = 'child-crash-victim' AND x.parent_execution_id IS NOT NULL`,
        )
        return row?.n ?? 0
      })
      .toBeGreaterThan(0)
    victim.kill('SIGKILL')
    for (const id of ids) {
      const run = await waitForRun(database, id, undefined, 30_000)
      expect(run.execution.status).toBe('succeeded')
      expect(run.steps.call?.output).toEqual({ done: true })
      expect(await childCount(id)).toBe(1)
    }
    survivor.kill('SIGTERM')
  }, 90_000)
})
