// The runner against a real PostgreSQL: each test pins one execution rule of the workflow format.
import { describe, expect, it } from 'vitest'
import { cancelRun } from './run-store'
import { echoStep as echo, loadRun, startTestRun, createRunnerHarness, waitForRun } from '@/server/testing/runner-test-kit'

const { database, clock, dispatched } = createRunnerHarness()

describe('runner', () => {
  it('a linear run succeeds and outputs flow into later steps through {{ steps.x.output }}', async () => {
    const { executionId } = await startTestRun(
      database,
      clock,
      {
        name: 'Linear',
        inputs: { type: 'object', properties: { who: { type: 'string' } }, required: ['who'] },
        variables: { greeting: 'hello' },
        steps: [
          echo('first', { params: { message: '{{ vars.greeting }} {{ inputs.who }}', n: 41 } }),
          echo('second', {
            dependencies: ['first'],
            params: { got: '{{ steps.first.output.message }}', next: '{{ steps.first.output.n + 1 }}' },
          }),
        ],
      },
      { who: 'world' },
    )
    const run = await waitForRun(database, executionId)
    expect(run.execution.status).toBe('succeeded')
    expect(run.steps.second?.output).toMatchObject({ got: 'hello world', next: 42 })
    expect(run.events.map((e) => e.seq)).toEqual(run.events.map((_, i) => i + 1))
    expect(run.events.map((e) => `${e.type}${e.stepId ? `:${e.stepId}` : ''}`)).toEqual([
      'run.started',
      'step.ready:first',
      'step.running:first',
      'step.succeeded:first',
      'step.ready:second',
      'step.running:second',
      'step.succeeded:second',
      'run.succeeded',
    ])
  })

  it('a condition skips the untaken branch and the join after it still runs', async () => {
    const { executionId } = await startTestRun(
      database,
      clock,
      {
        name: 'Branch',
        inputs: { type: 'object', properties: { env: { type: 'string' } } },
        steps: [
          { id: 'check', name: 'check', type: 'condition', expression: 'inputs.env == "prod"' },
          echo('deploy', { dependencies: [{ step: 'check', on: 'true' }] }),
          echo('dryrun', { dependencies: [{ step: 'check', on: 'false' }] }),
          echo('after_dry', { dependencies: ['dryrun'] }),
          echo('join', { dependencies: ['deploy', 'after_dry'] }),
        ],
      },
      { env: 'prod' },
    )
    const run = await waitForRun(database, executionId)
    expect(run.execution.status).toBe('succeeded')
    expect(run.statuses).toEqual({
      check: 'succeeded',
      deploy: 'succeeded',
      dryrun: 'skipped',
      after_dry: 'skipped',
      join: 'succeeded',
    })
    expect(run.steps.check?.output).toEqual({ result: true })
  })

  it('a failure edge routes to its handler, skips the success path and the run succeeds', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Failure edge',
      steps: [
        {
          id: 'boom',
          name: 'boom',
          type: 'command',
          action: 'fail',
          params: { retryable: false, code: 'broken' },
          onFailure: 'cleanup',
        },
        echo('next', { dependencies: ['boom'] }),
        echo('cleanup', { params: { why: '{{ steps.boom.error.code }}' } }),
      ],
    })
    const run = await waitForRun(database, executionId)
    expect(run.statuses).toEqual({ boom: 'failed', next: 'skipped', cleanup: 'succeeded' })
    expect(run.steps.cleanup?.output).toMatchObject({ why: 'broken' })
    expect(run.execution.status).toBe('succeeded')
  })

  it('an unhandled failure under fail-fast fails the run and cancels the rest', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Fail fast',
      steps: [
        { id: 'boom', name: 'boom', type: 'command', action: 'fail', params: { retryable: false } },
        { id: 'slow', name: 'slow', type: 'command', action: 'sleep', params: { ms: 3000 } },
      ],
    })
    const run = await waitForRun(database, executionId)
    expect(run.execution.status).toBe('failed')
    expect(run.statuses).toEqual({ boom: 'failed', slow: 'cancelled' })
    expect(run.execution.error).toMatchObject({ code: 'step_failed', failedSteps: ['boom'] })
  })

  it('a retryable failure is retried with exponential backoff until it succeeds', async () => {
    const key = `k${Math.random()}`
    const { executionId } = await startTestRun(database, clock, {
      name: 'Retry',
      steps: [
        {
          id: 'flaky',
          name: 'flaky',
          type: 'command',
          action: 'flaky',
          params: { key, failTimes: 2 },
          retryPolicy: {
            maxAttempts: 3,
            backoff: 'exponential',
            initialDelay: '10s',
            multiplier: 3,
            jitter: 0.5,
          },
        },
      ],
    })
    // random() is 0, so jitter never shortens: delays are exactly 10s then 30s of the test clock.
    let run = await waitForRun(database, executionId, (r) =>
      r.events.some((e) => e.type === 'step.retry_scheduled'),
    )
    const first = run.events.find((e) => e.type === 'step.retry_scheduled')
    expect(first?.payload).toMatchObject({ attempt: 1, delayMs: 10_000 })
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect((await loadRun(database, executionId)).statuses.flaky).toBe('ready') // not due yet
    clock.advance(10_000)
    run = await waitForRun(
      database,
      executionId,
      (r) => r.events.filter((e) => e.type === 'step.retry_scheduled').length === 2,
    )
    expect(run.events.filter((e) => e.type === 'step.retry_scheduled')[1]?.payload).toMatchObject({
      attempt: 2,
      delayMs: 30_000,
    })
    clock.advance(30_000)
    run = await waitForRun(database, executionId)
    expect(run.execution.status).toBe('succeeded')
    expect(run.steps.flaky).toMatchObject({ attempt: 3, output: { attempts: 3 } })
  })

  it('a non-retryable error fails at once despite the retry policy', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'No retry',
      steps: [
        {
          id: 'bad',
          name: 'bad',
          type: 'command',
          action: 'fail',
          params: { retryable: false },
          retryPolicy: { maxAttempts: 5 },
        },
      ],
    })
    const run = await waitForRun(database, executionId)
    expect(run.execution.status).toBe('failed')
    expect(run.steps.bad).toMatchObject({ status: 'failed', attempt: 1 })
    expect(run.events.some((e) => e.type === 'step.retry_scheduled')).toBe(false)
  })

  it('a step that outlives its timeout fails with code timeout and its dispatch is aborted', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Timeout',
      steps: [
        {
          id: 'slow',
          name: 'slow',
          type: 'command',
          action: 'sleep',
          params: { ms: 5000 },
          timeout: '200ms',
        },
      ],
    })
    const run = await waitForRun(database, executionId)
    // Failing with `timeout` (not succeeding after the 5 s sleep) is what shows the 200 ms limit held.
    expect(run.steps.slow).toMatchObject({ status: 'failed', error: { code: 'timeout' } })
    const request = dispatched.find((d) => d.commandId.startsWith(run.steps.slow?.id ?? '?'))
    expect(request?.signal.aborted).toBe(true)
  })

  it('cancelling a run cancels running and pending steps and stops the device command', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Cancel',
      steps: [
        { id: 'slow', name: 'slow', type: 'command', action: 'sleep', params: { ms: 5000 } },
        echo('after', { dependencies: ['slow'] }),
      ],
    })
    await waitForRun(database, executionId, (r) => r.statuses.slow === 'running')
    await cancelRun({ db: database.db, clock }, executionId)
    const run = await loadRun(database, executionId)
    expect(run.execution.status).toBe('cancelled')
    expect(run.statuses).toEqual({ slow: 'cancelled', after: 'cancelled' })
    await expect(cancelRun({ db: database.db, clock }, executionId)).rejects.toThrow(/already ended/)
    const request = dispatched.find((d) => d.commandId.startsWith(run.steps.slow?.id ?? '?'))
    // That it happens at once (NOTIFY, not the next lease renewal) is pinned by cancel-notify.test.ts.
    await expect.poll(() => request?.signal.aborted, { timeout: 15_000 }).toBe(true)
  })

  it('a template error fails the step at once as non-retryable with a clear message', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Bad template',
      steps: [
        echo('a'),
        echo('b', {
          dependencies: ['a'],
          params: { x: '{{ steps.a.output.nope.deeper }}' },
          retryPolicy: { maxAttempts: 3 },
        }),
      ],
    })
    const run = await waitForRun(database, executionId)
    expect(run.steps.b).toMatchObject({
      status: 'failed',
      attempt: 1,
      error: { code: 'template_error', retryable: false },
    })
    expect((run.steps.b?.error as { message: string }).message).toContain('nope')
  })

  it('a run past its timeout is timed_out and its running steps are cancelled', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Run timeout',
      timeout: '300ms',
      steps: [{ id: 'slow', name: 'slow', type: 'command', action: 'sleep', params: { ms: 5000 } }],
    })
    const run = await waitForRun(database, executionId)
    expect(run.execution.status).toBe('timed_out')
    expect(run.statuses).toEqual({ slow: 'cancelled' })
  })

  it('an output PostgreSQL cannot store as is (a NUL character) is sanitised instead of wedging the queue', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Nul',
      steps: [{ id: 'nul', name: 'nul', type: 'command', action: 'nul' }],
    })
    const run = await waitForRun(database, executionId)
    expect(run.execution.status).toBe('succeeded')
    expect(run.steps.nul?.output).toMatchObject({ text: 'a\ufffdb' })
  })
})
