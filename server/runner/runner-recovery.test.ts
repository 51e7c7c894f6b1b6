// Durability: a runner that dies loses its leases, another runner finishes its steps, and every
// step completion is applied exactly once, also with several runners on one database.
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { connectTestDatabase } from '@/server/testing/test-api'
import { DefinitionCache } from './execution-state'
import { applyCompletions } from './step-completion'
import { claimStepsWithEvents, reapExpiredLeases } from './step-queue'
import {
  createScriptedDriver,
  createTestClock,
  loadRun,
  startTestRun,
  startTestRunner,
  waitForRun,
} from '@/server/testing/runner-test-kit'

const database = connectTestDatabase()
const clock = createTestClock()
afterAll(() => database.close())

describe('runner recovery', () => {
  it('a step whose runner stops renewing its lease is reclaimed by another runner and completed exactly once', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Crash',
      steps: [{ id: 'only', name: 'only', type: 'command', action: 'echo', params: { v: 1 } }],
    })
    // Runner A claims with a short lease and then "dies": it never renews or completes.
    const claimed = await claimStepsWithEvents(database.db, 'runner-a', 100, clock.now(), 300)
    const mine = claimed.find((c) => c.executionId === executionId)
    expect(mine).toBeDefined()
    const { driver } = createScriptedDriver()
    const runnerB = startTestRunner(database, {
      clock,
      drivers: { devices: driver },
      owner: 'runner-b',
      sweepMs: 50,
    })
    try {
      const run = await waitForRun(database, executionId)
      expect(run.execution.status).toBe('succeeded')
      expect(run.steps.only).toMatchObject({
        status: 'succeeded',
        attempt: 2,
        interruptions: 1,
        leaseOwner: null,
      })
      // A wakes up and reports its result late: the lease is gone, so it is discarded.
      const late = await database.db.transaction((tx) =>
        applyCompletions(tx, { cache: new DefinitionCache(), now: clock.now(), random: () => 0 }, [
          {
            executionId,
            stepId: 'only',
            rowId: mine!.rowId,
            leaseToken: mine!.leaseToken,
            result: { kind: 'succeeded', output: { from: 'a' } },
          },
        ]),
      )
      expect(late.discarded).toHaveLength(1)
      const after = await loadRun(database, executionId)
      expect(after.steps.only?.output).toMatchObject({ v: 1 })
      expect(
        after.events
          .map((e) => {
            const p = e.payload as { owner?: string; leaseOwner?: string }
            return `${e.type}:${p.owner ?? p.leaseOwner ?? ''}`
          })
          .filter((e) => e.startsWith('step.')),
      ).toEqual([
        'step.ready:',
        'step.running:runner-a',
        'step.interrupted:runner-a',
        'step.running:runner-b',
        'step.succeeded:',
      ])
    } finally {
      await runnerB.stop()
    }
  })

  it('two runners on one database complete every step of many runs exactly once', async () => {
    const { driver } = createScriptedDriver()
    const runners = [1, 2].map((n) =>
      startTestRunner(database, { clock, drivers: { devices: driver }, owner: `multi-${n}`, maxInFlight: 8 }),
    )
    try {
      const steps = ['a', 'b', 'c', 'd'].map((id, i) => ({
        id,
        name: id,
        type: 'command',
        action: 'echo',
        ...(i > 0 ? { dependencies: ['a'] } : {}),
      }))
      steps.push({ id: 'z', name: 'z', type: 'command', action: 'echo', dependencies: ['b', 'c', 'd'] })
      const ids = await Promise.all(
        Array.from({ length: 25 }, () =>
          startTestRun(database, clock, { name: 'Multi', steps }).then((r) => r.executionId),
        ),
      )
      for (const id of ids) expect((await waitForRun(database, id)).execution.status).toBe('succeeded')
      const counts = await database.db.execute<{ n: number; owners: number }>(sql`
        SELECT count(*)::int AS n, count(DISTINCT s.lease_owner)::int AS owners FROM execution_events e
        JOIN step_executions s ON s.execution_id = e.execution_id AND s.step_id = e.step_id
        WHERE e.type = 'step.succeeded' AND e.execution_id IN (SELECT (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`)
      expect(counts[0]?.n).toBe(25 * 5)
      const owners = await database.db.execute<{ owner: string }>(sql`
        SELECT DISTINCT payload->>'owner' AS owner FROM execution_events
        WHERE type = 'step.running' AND execution_id IN (SELECT (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`)
      expect(owners.map((o) => o.owner).sort()).toEqual(['multi-1', 'multi-2'])
    } finally {
      await Promise.all(runners.map((r) => r.stop()))
    }
  })

  it('a step whose runner dies on every attempt fails with lease_expired instead of looping forever', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Poison',
      steps: [
        { id: 'poison', name: 'poison', type: 'command', action: 'echo', retryPolicy: { maxAttempts: 10 } },
      ],
    })
    // Four runners in a row claim the step and die; the reaper returns it each time.
    for (let i = 0; i < 4; i++) {
      const claims = await claimStepsWithEvents(database.db, `doomed-${i}`, 100, clock.now(), 100)
      expect(claims.some((c) => c.executionId === executionId)).toBe(true)
      clock.advance(1000)
      expect(await reapExpiredLeases(database.db, clock.now())).toBeGreaterThan(0)
    }
    const { driver, dispatched } = createScriptedDriver()
    const runner = startTestRunner(database, { clock, drivers: { devices: driver } })
    try {
      const run = await waitForRun(database, executionId)
      expect(run.steps.poison).toMatchObject({
        status: 'failed',
        interruptions: 4,
        error: { code: 'lease_expired', retryable: false },
      })
      expect(dispatched).toHaveLength(0)
    } finally {
      await runner.stop()
    }
  })
})
