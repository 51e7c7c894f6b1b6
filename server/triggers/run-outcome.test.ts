// Waiting for a run's end is woken by the commit that ends it (LISTEN/NOTIFY), not by a poll: with
// the fallback poll set longer than the whole wait, only the notification can answer in time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '@/server/platform/logger'
import { startRunEndSignals } from '@/server/runner/run-end-signals'
import type { RunningRunner } from '@/server/runner/runner'
import {
  createScriptedDriver,
  createTestClock,
  echoStep,
  startTestRun,
  startTestRunner,
} from '@/server/testing/runner-test-kit'
import { connectTestDatabase, createTestApi } from '@/server/testing/test-api'
import { waitForRunOutcome } from './run-outcome'

const database = connectTestDatabase()
const clock = createTestClock()
const signals = startRunEndSignals({ sql: database.sql, logger: createLogger('silent') })
let runner: RunningRunner

beforeAll(() => {
  runner = startTestRunner(database, {
    clock,
    drivers: { devices: createScriptedDriver().driver },
    pollMs: 60_000,
  })
})
afterAll(async () => {
  await runner.stop()
  await signals.stop()
  await database.close()
})

const twoEchoes = {
  name: 'Wait for me',
  steps: [
    echoStep('one', { params: { n: 1 } }),
    echoStep('two', { dependencies: ['one'], params: { n: 2 } }),
  ],
}

describe('waiting for a run to end', () => {
  // Without the notification the answer would come at the 25 s deadline, past this test's timeout.
  it(
    'answers with the outcome at the commit that ends the run, not at the next poll',
    { timeout: 15_000 },
    async () => {
      const { executionId } = await startTestRun(database, clock, twoEchoes)
      const waited = await waitForRunOutcome(database.db, executionId, {
        timeoutMs: 20_000,
        pollMs: 60_000,
        signals,
      })
      expect(waited).toMatchObject({
        ended: true,
        outcome: { status: 'succeeded', output: { one: { n: 1 }, two: { n: 2 } }, error: null },
      })
    },
  )

  it('runs.wait answers ended with the final status, and the current status when the time is up', async () => {
    const { api } = createTestApi(database, clock, { runEnds: signals })
    const { executionId } = await startTestRun(database, clock, {
      name: 'Gate',
      steps: [{ id: 'gate', name: 'gate', type: 'wait', wait: { kind: 'signal', signal: 'go' } }],
    })
    expect(await api.runs.wait({ id: executionId, timeoutMs: 0 })).toEqual({
      id: executionId,
      status: 'running',
      ended: false,
    })
    const waiting = api.runs.wait({ id: executionId, timeoutMs: 20_000 })
    await expect.poll(async () => (await api.runs.get({ id: executionId })).steps[0]?.status).toBe('waiting')
    await api.runs.cancel({ id: executionId })
    expect(await waiting).toEqual({ id: executionId, status: 'cancelled', ended: true })
  })

  it('runs.wait refuses an unknown run and a wait over 25 s, naming the field', async () => {
    const { api } = createTestApi(database, clock)
    await expect(api.runs.wait({ id: crypto.randomUUID(), timeoutMs: 10 })).rejects.toThrow(/does not exist/)
    await expect(api.runs.wait({ id: crypto.randomUUID(), timeoutMs: 60_000 })).rejects.toThrow(
      /timeoutMs must be at most/,
    )
  })
})
