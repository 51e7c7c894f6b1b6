// Wait and parallel steps against a real PostgreSQL: timers, signals and fan-out.
import { describe, expect, it } from 'vitest'
import { resumeStep } from './run-store'
import { createRunnerHarness, echoStep as echo, startTestRun, waitForRun } from '@/server/testing/runner-test-kit'

const { database, clock } = createRunnerHarness()

describe('runner waits and fan-out', () => {
  it('a wait step parks on a signal until resumed, and its payload becomes the output', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Approval',
      variables: { who: 'ops' },
      steps: [
        {
          id: 'approve',
          name: 'approve',
          type: 'wait',
          wait: { kind: 'signal', signal: 'approval', prompt: 'Ship it, {{ vars.who }}?' },
        },
        echo('ship', { dependencies: ['approve'], params: { by: '{{ steps.approve.output.payload.by }}' } }),
      ],
    })
    const parked = await waitForRun(database, executionId, (r) => r.statuses.approve === 'waiting')
    expect(parked.steps.approve?.input).toMatchObject({ signal: 'approval', prompt: 'Ship it, ops?' })
    const deps = { db: database.db, clock }
    await expect(resumeStep(deps, { id: executionId, stepId: 'ship' })).rejects.toThrow(/not waiting/)
    await expect(resumeStep(deps, { id: executionId, stepId: 'approve', signal: 'other' })).rejects.toThrow(
      /approval/,
    )
    await resumeStep(deps, { id: executionId, stepId: 'approve', signal: 'approval', payload: { by: 'ana' } })
    const run = await waitForRun(database, executionId)
    expect(run.execution.status).toBe('succeeded')
    expect(run.steps.ship?.output).toMatchObject({ by: 'ana' })
  })

  it('a duration wait is a timer row that completes when it comes due', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Sleep',
      steps: [
        { id: 'pause', name: 'pause', type: 'wait', wait: { kind: 'duration', duration: '1h' } },
        echo('after', { dependencies: ['pause'] }),
      ],
    })
    const parked = await waitForRun(database, executionId, (r) => r.statuses.pause === 'waiting')
    expect(parked.steps.pause?.runAt?.getTime()).toBeGreaterThan(clock.now().getTime() + 3_500_000)
    clock.advance(3_600_000)
    const run = await waitForRun(database, executionId)
    expect(run.statuses).toEqual({ pause: 'succeeded', after: 'succeeded' })
  })

  it('a parallel step over items runs every item and tolerates failures up to its tolerance', async () => {
    const { executionId } = await startTestRun(
      database,
      clock,
      {
        name: 'Fan out',
        inputs: { type: 'object', properties: { hosts: { type: 'array' } } },
        steps: [
          {
            id: 'fan',
            name: 'fan',
            type: 'parallel',
            action: 'fail',
            over: 'items',
            items: '{{ inputs.hosts }}',
            maxConcurrency: 2,
            failureTolerance: { count: 1 },
            params: { retryable: false, code: 'host_{{ item }}' },
          },
          {
            id: 'fan_ok',
            name: 'fan_ok',
            type: 'parallel',
            action: 'echo',
            over: 'items',
            items: '{{ inputs.hosts }}',
            maxConcurrency: 2,
            params: { host: '{{ item }}', n: '{{ index }}' },
          },
        ],
        errorHandling: { strategy: 'continue' },
      },
      { hosts: ['a', 'b', 'c'] },
    )
    const run = await waitForRun(database, executionId)
    expect(run.steps.fan_ok?.output).toMatchObject({
      total: 3,
      failed: 0,
      results: [
        { output: { host: 'a', n: 0 } },
        { output: { host: 'b', n: 1 } },
        { output: { host: 'c', n: 2 } },
      ],
    })
    expect(run.steps.fan).toMatchObject({
      status: 'failed',
      error: { code: 'branches_failed' },
      output: { total: 3, failed: 3, tolerated: 1 },
    })
    expect(run.execution.status).toBe('failed')
  })

  it('a parallel step over devices runs once on every matching device', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Fleet',
      steps: [
        {
          id: 'info',
          name: 'info',
          type: 'parallel',
          action: 'system.info',
          over: 'devices',
          target: { selector: { tags: ['edge'] } },
        },
      ],
    })
    const run = await waitForRun(database, executionId)
    const output = run.steps.info?.output as { results: { deviceId: string }[] }
    expect(output.results.map((r) => r.deviceId).sort()).toEqual(['demo-edge-eu', 'demo-edge-us'])
  })

  it('a signal wait with a timeout fails with code timeout when nobody resumes it in time', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Approval timeout',
      steps: [
        {
          id: 'approve',
          name: 'approve',
          type: 'wait',
          wait: { kind: 'signal', signal: 'approval', timeout: '2h' },
          onFailure: 'escalate',
        },
        echo('escalate'),
      ],
    })
    await waitForRun(database, executionId, (r) => r.statuses.approve === 'waiting')
    clock.advance(2 * 3_600_000)
    const run = await waitForRun(database, executionId)
    expect(run.statuses).toEqual({ approve: 'failed', escalate: 'succeeded' })
    expect(run.steps.approve?.error).toMatchObject({ code: 'timeout' })
    await expect(
      resumeStep({ db: database.db, clock }, { id: executionId, stepId: 'approve' }),
    ).rejects.toThrow(/not waiting/)
  })

  it('a wait until a templated point in time parks until then', async () => {
    const wakeAt = new Date(clock.now().getTime() + 86_400_000).toISOString()
    const { executionId } = await startTestRun(
      database,
      clock,
      {
        name: 'Until',
        inputs: { type: 'object', properties: { at: { type: 'string' } } },
        steps: [
          { id: 'until', name: 'until', type: 'wait', wait: { kind: 'until', until: '{{ inputs.at }}' } },
        ],
      },
      { at: wakeAt },
    )
    const parked = await waitForRun(database, executionId, (r) => r.statuses.until === 'waiting')
    expect(parked.steps.until?.runAt?.toISOString()).toBe(wakeAt)
    clock.advance(86_400_000)
    expect((await waitForRun(database, executionId)).steps.until?.output).toEqual({ waitedUntil: wakeAt })
  })
})
