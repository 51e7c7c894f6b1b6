// The transform step through the real runner on a real PostgreSQL: outputs computed in-process
// chain through steps.<id>.output, no device is asked, and failures say which output path broke.
import { describe, expect, it } from 'vitest'
import { createRunnerHarness, echoStep, startTestRun, waitForRun } from '@/server/testing/runner-test-kit'

const { database, clock, dispatched } = createRunnerHarness()
const SETTLE_MS = 20_000

const transform = (id: string, output: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id,
  name: id,
  type: 'transform',
  output,
  ...extra,
})

const inputs = {
  type: 'object',
  properties: { a: { type: 'integer' }, b: { type: 'integer' }, who: { type: 'string' } },
  required: ['a', 'b'],
}

describe('transform step', () => {
  it('three transforms chain their outputs through steps.<id>.output with no device round trip', async () => {
    const before = dispatched.length
    const { executionId } = await startTestRun(
      database,
      clock,
      {
        name: 'Transform chain',
        inputs,
        variables: { region: 'eu' },
        steps: [
          transform('add', { sum: '{{ inputs.a + inputs.b }}', tag: 'fixed', who: '{{ inputs.who }}' }),
          transform(
            'scale',
            {
              doubled: '{{ steps.add.output.sum * 2 }}',
              label: '{{ steps.add.output.who }}@{{ vars.region }}',
              parts: ['{{ steps.add.output.sum }}', '{{ steps.add.output.tag }}'],
            },
            { dependencies: ['add'] },
          ),
          transform(
            'report',
            {
              summary: '{{ steps.scale.output.label }} got {{ steps.scale.output.doubled }}',
              isBig: '{{ steps.scale.output.doubled > 10 }}',
              all: { first: '{{ steps.add.output }}', parts: '{{ steps.scale.output.parts }}' },
            },
            { dependencies: ['scale'] },
          ),
        ],
      },
      { a: 2, b: 5, who: 'ada' },
    )
    const run = await waitForRun(database, executionId, undefined, SETTLE_MS)
    expect(run.execution.status).toBe('succeeded')
    expect(run.steps.add?.output).toEqual({ sum: 7, tag: 'fixed', who: 'ada' })
    expect(run.steps.scale?.output).toEqual({ doubled: 14, label: 'ada@eu', parts: [7, 'fixed'] })
    expect(run.steps.report?.output).toEqual({
      summary: 'ada@eu got 14',
      isBig: true,
      all: { first: { sum: 7, tag: 'fixed', who: 'ada' }, parts: [7, 'fixed'] },
    })
    expect(dispatched.length).toBe(before)
    expect(run.events.filter((e) => e.type === 'step.succeeded').map((e) => e.stepId)).toEqual([
      'add',
      'scale',
      'report',
    ])
  })

  it("a command step's params read a transform's typed output", async () => {
    const { executionId } = await startTestRun(
      database,
      clock,
      {
        name: 'Transform then command',
        inputs,
        steps: [
          transform('shape', {
            hosts: ['h-{{ inputs.a }}', 'h-{{ inputs.b }}'],
            count: '{{ inputs.a * inputs.b }}',
          }),
          echoStep('use', {
            dependencies: ['shape'],
            params: { hosts: '{{ steps.shape.output.hosts }}', next: '{{ steps.shape.output.count + 1 }}' },
          }),
        ],
      },
      { a: 3, b: 4 },
    )
    const run = await waitForRun(database, executionId, undefined, SETTLE_MS)
    expect(run.execution.status).toBe('succeeded')
    expect(run.steps.use?.output).toMatchObject({ hosts: ['h-3', 'h-4'], next: 13 })
  })

  it('a missing path fails the transform once (not retried), naming the output path, and a failure edge handles it', async () => {
    const { executionId } = await startTestRun(
      database,
      clock,
      {
        name: 'Transform failure',
        inputs,
        retryPolicy: { maxAttempts: 3, backoff: 'fixed', initialDelay: '1s' },
        steps: [
          transform('first', { sum: '{{ inputs.a + inputs.b }}' }),
          transform(
            'broken',
            { deep: { url: '{{ steps.first.output.total }}' } },
            { dependencies: ['first'], onFailure: 'handle' },
          ),
          transform('handle', { why: '{{ steps.broken.error.message }}' }),
        ],
      },
      { a: 1, b: 1 },
    )
    const run = await waitForRun(database, executionId, undefined, SETTLE_MS)
    expect(run.statuses).toEqual({ first: 'succeeded', broken: 'failed', handle: 'succeeded' })
    expect(run.steps.broken?.attempt).toBe(1)
    expect(run.steps.broken?.error).toMatchObject({ code: 'template_error', retryable: false })
    const why = (run.steps.handle?.output as { why: string }).why
    expect(why).toContain('Step "broken" could not compute output.deep.url')
    expect(why).toContain('has no field "total" (fields: sum)')
    expect(run.execution.status).toBe('succeeded')
  })

  it('an output over the step output limit fails the run with output_too_large instead of a truncation note', async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Transform too large',
      steps: [
        transform('big', { text: '{{ "x" + "y" }}' }),
        transform(
          'huge',
          { list: Array.from({ length: 40 }, () => '{{ vars.blob }}') },
          {
            dependencies: ['big'],
            variables: { blob: 'z'.repeat(30_000) },
          },
        ),
      ],
    })
    const run = await waitForRun(database, executionId, undefined, SETTLE_MS)
    expect(run.execution.status).toBe('failed')
    expect(run.statuses).toEqual({ big: 'succeeded', huge: 'failed' })
    expect(run.steps.huge?.error).toMatchObject({ code: 'output_too_large', retryable: false })
    expect(run.steps.huge?.output).toBeNull()
  })
})
