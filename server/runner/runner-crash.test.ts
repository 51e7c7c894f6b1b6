// Several runner processes on one database, one killed with SIGKILL mid-run: every run still
// completes and every step is completed exactly once.
import type { ChildProcess } from 'node:child_process'
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { connectTestDatabase } from '@/server/testing/test-api'
import { createTestClock, startTestRun, waitForRun } from '@/server/testing/runner-test-kit'
import { spawnRunnerProcess } from '@/server/testing/spawn-runner-process'

const database = connectTestDatabase()
const clock = createTestClock()
const children: ChildProcess[] = []
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  await database.close()
})

async function spawnRunner(owner: string): Promise<ChildProcess> {
  const child = await spawnRunnerProcess({
    databaseUrl: inject('databaseUrl'),
    owner,
    env: { RUNNER_LEASE_MS: '800', RUNNER_POLL_MS: '50', DEMO_LATENCY_SCALE: '0' },
  })
  children.push(child)
  return child
}

describe('runner processes', () => {
  it('a runner killed with SIGKILL mid-run loses no step and completes none twice', async () => {
    const [victim, survivor] = await Promise.all([spawnRunner('crash-victim'), spawnRunner('crash-survivor')])
    const steps = Array.from({ length: 4 }, (_, i) => ({
      id: `s${i}`,
      name: `s${i}`,
      type: 'command',
      action: 'sleep',
      params: { ms: 150 },
      ...(i > 0 ? { dependencies: [`s${i - 1}`] } : {}),
    }))
    const ids = await Promise.all(
      Array.from({ length: 12 }, () =>
        startTestRun(database, clock, { name: 'Crash', steps }).then((r) => r.executionId),
      ),
    )
    // Kill the victim once it holds leases.
    await expect
      .poll(
        async () =>
          (
            await database.db.execute<{ n: number }>(
              sql`SELECT count(*)::int AS n FROM step_executions WHERE lease_owner = 'crash-victim'`,
            )
          )[0]?.n ?? 0,
        { timeout: 15_000, interval: 20 },
      )
      .toBeGreaterThan(0)
    victim.kill('SIGKILL')
    for (const id of ids)
      expect((await waitForRun(database, id, undefined, 30_000)).execution.status).toBe('succeeded')
    const [counts] = await database.db.execute<{ succeeded: number; interrupted: number }>(sql`
      SELECT count(*) FILTER (WHERE type = 'step.succeeded')::int AS succeeded, count(*) FILTER (WHERE type = 'step.interrupted')::int AS interrupted
      FROM execution_events WHERE execution_id IN (SELECT (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`)
    expect(counts?.succeeded).toBe(12 * 4)
    expect(counts?.interrupted).toBeGreaterThan(0)
    survivor.kill('SIGTERM')
  }, 90_000)
})
