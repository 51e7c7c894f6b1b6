import { describe, expect, it } from 'vitest'
import { validateWorkflow } from './validate-workflow'
import { worstCaseMs } from './validate-timing'
import { ZWorkflowDefinition } from './workflow-schema'

const wait = (wait: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: 'w',
  name: 'w',
  type: 'wait',
  wait,
  ...extra,
})
const retry3 = { retryPolicy: { maxAttempts: 3, backoff: 'exponential', initialDelay: '1s', jitter: 0 } }

describe('the timing the validator assumes is the timing the runner enforces', () => {
  it.each([
    {
      rule: 'a duration wait takes its duration and succeeds: it is never retried',
      step: wait({ kind: 'duration', duration: '1h' }, retry3),
      worst: { totalMs: 3_600_000, attempts: 1 },
    },
    {
      rule: 'a step timeout shorter than the wait ends each attempt, and timeouts are retried',
      step: wait({ kind: 'duration', duration: '1h' }, { timeout: '2s', ...retry3 }),
      worst: { totalMs: 3 * 2000 + 1000 + 2000, attempts: 3 },
    },
    {
      rule: 'a signal wait with only a step timeout is bounded by that timeout',
      step: wait({ kind: 'signal', signal: 'go' }, { timeout: '2s' }),
      worst: { totalMs: 2000, attempts: 1 },
    },
    {
      rule: "a signal wait's own timeout is final when it comes first: not retried",
      step: wait({ kind: 'signal', signal: 'go', timeout: '1m' }, { timeout: '1h', ...retry3 }),
      worst: { totalMs: 60_000, attempts: 1 },
    },
    {
      rule: 'an until wait with a step timeout is bounded by it',
      step: wait({ kind: 'until', until: '2099-01-01T00:00:00Z' }, { timeout: '5m' }),
      worst: { totalMs: 300_000, attempts: 1 },
    },
  ])('$rule', ({ step, worst }) => {
    const workflow = ZWorkflowDefinition.parse({ name: 't', steps: [step] })
    const [parsed] = workflow.steps
    if (!parsed) throw new Error('no step')
    expect(worstCaseMs(parsed, workflow)).toMatchObject(worst)
  })

  it('a signal wait with no timeout at all is unbounded (it waits for a person)', () => {
    const workflow = ZWorkflowDefinition.parse({ name: 't', steps: [wait({ kind: 'signal', signal: 'go' })] })
    expect(worstCaseMs(workflow.steps[0] as never, workflow)).toBeUndefined()
  })

  it('a signal wait whose step timeout fits the workflow timeout gets no warning, even without wait.timeout', () => {
    const result = validateWorkflow({
      name: 't',
      timeout: '1m',
      steps: [wait({ kind: 'signal', signal: 'go' }, { timeout: '2s' })],
    })
    expect(result.ok && result.warnings).toEqual([])
  })

  it('a wait longer than the workflow timeout is a warning pointing at the wait', () => {
    const result = validateWorkflow({
      name: 't',
      timeout: '1m',
      steps: [wait({ kind: 'duration', duration: '5m' }, retry3)],
    })
    expect(result.ok && result.warnings).toEqual([
      expect.objectContaining({
        code: 'timeout_exceeds_workflow',
        path: ['steps', 0, 'wait', 'duration'],
        message: expect.stringContaining('can take up to 5m, longer than the workflow timeout of 1m; shorten the wait') as unknown,
      }),
    ])
  })
})
