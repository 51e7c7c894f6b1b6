// Cancelling a run stops its device command at once: NOTIFY relayflow_cancel makes the runner check
// its leases immediately. The runner here renews leases only every 20 s, so the abort arriving well
// before that can only come from the notification (no wall-clock assertion needed).
import { describe, expect, it } from 'vitest'
import { cancelRun } from './run-store'
import { createRunnerHarness, startTestRun, waitForRun } from '@/server/testing/runner-test-kit'

const LEASE_MS = 60_000 // renewed every LEASE_MS / 3
const { database, clock, dispatched } = createRunnerHarness({ leaseMs: LEASE_MS })

describe('cancel', () => {
  it('aborts the running device command through the cancel notification, not the next lease renewal', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Cancel at once',
      steps: [{ id: 'slow', name: 'slow', type: 'command', action: 'sleep', params: { ms: 60_000 } }],
    })
    const run = await waitForRun(database, executionId, (r) => r.statuses.slow === 'running')
    const sent = () => dispatched.find((d) => d.commandId.startsWith(run.steps.slow?.id ?? '?'))
    await expect.poll(sent, { timeout: 15_000 }).toBeDefined()
    const request = sent()
    expect(request?.signal.aborted).toBe(false)
    await cancelRun({ db: database.db, clock }, executionId)
    await expect.poll(() => request?.signal.aborted, { timeout: LEASE_MS / 3 - 5000 }).toBe(true)
  })
})
