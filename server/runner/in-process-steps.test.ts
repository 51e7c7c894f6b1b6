// In-process steps are decided by the transaction that readies them: no runner, claim or device
// is needed for a run made only of them, and they keep the usual events and attempt numbers.
import { afterAll, describe, expect, it } from 'vitest'
import { connectTestDatabase } from '@/server/testing/test-api'
import {
  createScriptedDriver,
  createTestClock,
  echoStep as echo,
  loadRun,
  startTestRun,
  startTestRunner,
  waitForRun,
} from '@/server/testing/runner-test-kit'

const database = connectTestDatabase()
const clock = createTestClock()
afterAll(() => database.close())

const branchy = {
  name: 'In-process chain',
  inputs: { type: 'object', properties: { env: { type: 'string' }, n: { type: 'number' } } },
  steps: [
    { id: 'is_prod', name: 'is prod', type: 'condition', expression: 'inputs.env == "prod"' },
    {
      id: 'big',
      name: 'big',
      type: 'condition',
      expression: 'inputs.n > 10',
      dependencies: [{ step: 'is_prod', on: 'true' }],
    },
    {
      id: 'small',
      name: 'small',
      type: 'condition',
      expression: 'inputs.n <= 10',
      dependencies: [{ step: 'is_prod', on: 'false' }],
    },
  ],
}

describe('in-process steps', () => {
  it('a run made only of conditions has ended when starting it returns, with no runner at all', async () => {
    const { executionId } = await startTestRun(database, clock, branchy, { env: 'prod', n: 42 })
    const run = await loadRun(database, executionId)
    expect(run.execution.status).toBe('succeeded')
    expect(run.statuses).toEqual({ is_prod: 'succeeded', big: 'succeeded', small: 'skipped' })
    expect(run.steps.big?.output).toEqual({ result: true })
    expect(run.steps.big?.attempt).toBe(1)
    expect(run.steps.big?.startedAt).not.toBeNull()
    expect(run.events.map((e) => `${e.type}${e.stepId ? `:${e.stepId}` : ''}`)).toEqual([
      'run.started',
      'step.ready:is_prod',
      'step.running:is_prod',
      'step.succeeded:is_prod',
      'step.ready:big',
      'step.skipped:small',
      'step.running:big',
      'step.succeeded:big',
      'run.succeeded',
    ])
    expect(run.events.map((e) => e.seq)).toEqual(run.events.map((_, i) => i + 1))
  })

  it('a condition after a device step is decided in the completion that readies it, reading its output', async () => {
    const { driver } = createScriptedDriver()
    const runner = startTestRunner(database, { clock, drivers: { devices: driver } })
    try {
      const { executionId } = await startTestRun(database, clock, {
        name: 'Device then condition',
        steps: [
          echo('probe', { params: { level: 7 } }),
          {
            id: 'high',
            name: 'high',
            type: 'condition',
            expression: 'steps.probe.output.level > 5',
            dependencies: ['probe'],
          },
          echo('alarm', { dependencies: [{ step: 'high', on: 'true' }] }),
        ],
      })
      const run = await waitForRun(database, executionId)
      expect(run.execution.status).toBe('succeeded')
      expect(run.statuses).toEqual({ probe: 'succeeded', high: 'succeeded', alarm: 'succeeded' })
      const highRunning = run.events.find((e) => e.type === 'step.running' && e.stepId === 'high')
      expect(highRunning?.payload).toMatchObject({ attempt: 1, owner: 'in-process' })
    } finally {
      await runner.stop()
    }
  })

  it('a failing in-process step fails once (an expression error cannot be retried away) and its failure edge runs', async () => {
    const { executionId } = await startTestRun(
      database,
      clock,
      {
        name: 'Failing condition',
        inputs: { type: 'object', properties: { text: { type: 'string' } } },
        steps: [
          {
            id: 'broken',
            name: 'broken',
            type: 'condition',
            expression: 'int(inputs.text) > 0',
            retryPolicy: { maxAttempts: 3, initialDelay: '0s' },
            onFailure: 'handler',
          },
          { id: 'handler', name: 'handler', type: 'condition', expression: 'true' },
        ],
      },
      { text: 'not a number' },
    )
    const run = await loadRun(database, executionId)
    expect(run.statuses).toEqual({ broken: 'failed', handler: 'succeeded' })
    expect(run.steps.broken?.attempt).toBe(1)
    expect(run.steps.broken?.error).toMatchObject({ code: 'expression_error', retryable: false })
    expect(run.events.filter((e) => e.type === 'step.retry_scheduled')).toHaveLength(0)
  })

  it('three transforms chain their outputs inside the creating transaction', async () => {
    const { executionId } = await startTestRun(
      database,
      clock,
      {
        name: 'Transforms',
        inputs: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } } },
        steps: [
          { id: 'sum', name: 'sum', type: 'transform', output: { value: '{{ inputs.a + inputs.b }}' } },
          {
            id: 'double',
            name: 'double',
            type: 'transform',
            dependencies: ['sum'],
            output: { value: '{{ steps.sum.output.value * 2 }}' },
          },
          {
            id: 'label',
            name: 'label',
            type: 'transform',
            dependencies: ['double'],
            output: { text: 'total {{ steps.double.output.value }}' },
          },
        ],
      },
      { a: 2, b: 3 },
    )
    const run = await loadRun(database, executionId)
    expect(run.execution.status).toBe('succeeded')
    expect(run.steps.label?.output).toEqual({ text: 'total 10' })
    expect(run.events.filter((e) => e.type === 'step.running').map((e) => e.payload)).toEqual([
      { attempt: 1, owner: 'in-process' },
      { attempt: 1, owner: 'in-process' },
      { attempt: 1, owner: 'in-process' },
    ])
  })
})
