// Per-workflow concurrency limits against a real PostgreSQL: queue, cancel-new, cancel-oldest,
// and a limit that holds when many runs start at once.
import { describe, expect, it } from 'vitest'
import { createWorkflow } from '@/server/workflows/workflow-store'
import { cancelRun, resumeStep, startRun } from './run-store'
import { createRunnerHarness, echoStep, loadRun, waitForRun } from '@/server/testing/runner-test-kit'

const { database, clock } = createRunnerHarness()
const deps = { db: database.db, clock }

async function limitedWorkflow(whenLimited: string, limit = 1) {
  const saved = await createWorkflow(deps, {
    definition: {
      name: `Limited ${whenLimited} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
      concurrency: { limit, whenLimited },
      steps: [
        { id: 'gate', name: 'gate', type: 'wait', wait: { kind: 'signal', signal: 'go' } },
        echoStep('after', { dependencies: ['gate'] }),
      ],
    },
  })
  const start = async () => (await startRun(deps, { workflowId: saved.workflowId })).executionId
  return { workflowId: saved.workflowId, start }
}

const gateWaiting = (id: string) => waitForRun(database, id, (r) => r.statuses.gate === 'waiting')
const release = (id: string) => resumeStep(deps, { id, stepId: 'gate', signal: 'go' })

describe('per-workflow concurrency limits', () => {
  it('queue: a run over the limit waits queued and starts when the running one ends', async () => {
    const flow = await limitedWorkflow('queue')
    const first = await flow.start()
    await gateWaiting(first)
    const second = await flow.start()
    const queued = await loadRun(database, second)
    expect(queued.execution.status).toBe('queued')
    expect(queued.execution.startedAt).toBeNull()
    expect(Object.values(queued.statuses)).toEqual(['pending', 'pending'])
    expect(queued.events.map((e) => e.type)).toEqual(['run.queued'])
    expect(JSON.stringify(queued.events[0]?.payload)).toContain('limit 1')

    await release(first)
    expect((await waitForRun(database, first)).execution.status).toBe('succeeded')
    const started = await gateWaiting(second)
    expect(started.execution.status).toBe('running')
    expect(started.events.map((e) => e.type).slice(0, 2)).toEqual(['run.queued', 'run.started'])
    await release(second)
    expect((await waitForRun(database, second)).execution.status).toBe('succeeded')
  })

  it('queue: cancelling the running run starts the next queued one; a queued run can be cancelled', async () => {
    const flow = await limitedWorkflow('queue')
    const first = await flow.start()
    const second = await flow.start()
    const third = await flow.start()
    await gateWaiting(first)
    await cancelRun(deps, third)
    expect((await loadRun(database, third)).execution.status).toBe('cancelled')
    await cancelRun(deps, first)
    await gateWaiting(second)
    expect((await loadRun(database, third)).execution.status).toBe('cancelled')
    await cancelRun(deps, second)
  })

  it('cancel-new: the new run is cancelled with the reason and the running one goes on', async () => {
    const flow = await limitedWorkflow('cancel-new')
    const first = await flow.start()
    await gateWaiting(first)
    const second = await flow.start()
    const refused = await loadRun(database, second)
    expect(refused.execution.status).toBe('cancelled')
    expect(refused.execution.error).toMatchObject({ code: 'concurrency_limit' })
    expect(Object.values(refused.statuses)).toEqual(['cancelled', 'cancelled'])
    expect((await loadRun(database, first)).statuses.gate).toBe('waiting')
    await cancelRun(deps, first)
  })

  it('cancel-oldest: the oldest running run is cancelled to make room for the new one', async () => {
    const flow = await limitedWorkflow('cancel-oldest')
    const first = await flow.start()
    await gateWaiting(first)
    const second = await flow.start()
    const oldest = await loadRun(database, first)
    expect(oldest.execution.status).toBe('cancelled')
    expect(oldest.execution.error).toMatchObject({ code: 'concurrency_limit' })
    expect(oldest.statuses.gate).toBe('cancelled')
    await gateWaiting(second)
    await cancelRun(deps, second)
  })

  it('the limit holds when many runs start at once', async () => {
    const flow = await limitedWorkflow('queue', 2)
    const ids = await Promise.all(Array.from({ length: 10 }, () => flow.start()))
    const statuses = await Promise.all(ids.map(async (id) => (await loadRun(database, id)).execution.status))
    expect(statuses.filter((s) => s === 'running')).toHaveLength(2)
    expect(statuses.filter((s) => s === 'queued')).toHaveLength(8)
    // Drain the queue: release whichever runs are running until all ten succeeded.
    const done = new Set<string>()
    while (done.size < ids.length) {
      for (const id of ids) {
        if (done.has(id)) continue
        const run = await loadRun(database, id)
        if (run.statuses.gate === 'waiting') await release(id)
        if (run.execution.status === 'succeeded') done.add(id)
        if (run.execution.status === 'running') {
          const running = await Promise.all(ids.map(async (i) => (await loadRun(database, i)).execution.status))
          expect(running.filter((s) => s === 'running').length).toBeLessThanOrEqual(2)
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }, 20_000)
})
