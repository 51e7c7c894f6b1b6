import { describe, expect, it } from 'vitest'
import { ZWorkflowDefinition, type TWorkflowDefinitionInput } from '../workflow-schema'
import { compileRun } from './compiled-run'
import { decideRetry } from './retry-decision'
import {
  onRunStopped,
  onStepFinished,
  planRunResume,
  planRunStart,
  type StepOutcome,
  type StepSnapshot,
} from './run-state'
import type { StepStatus } from './run-status'

type StepIn = Record<string, unknown> & { id: string }
const cmd = (id: string, extra: Record<string, unknown> = {}): StepIn => ({
  id,
  name: id,
  type: 'command',
  action: 'echo',
  ...extra,
})
const cond = (id: string, extra: Record<string, unknown> = {}): StepIn => ({
  id,
  name: id,
  type: 'condition',
  expression: 'true',
  ...extra,
})

function compile(steps: StepIn[], extra: Partial<TWorkflowDefinitionInput> = {}) {
  return compileRun(ZWorkflowDefinition.parse({ name: 'test', steps, ...extra }))
}

function states(entries: Record<string, StepStatus | StepSnapshot>): Map<string, StepSnapshot> {
  return new Map(Object.entries(entries).map(([id, s]) => [id, typeof s === 'string' ? { status: s } : s]))
}

function statusOf(decision: { states: Map<string, StepSnapshot> }): Record<string, StepStatus> {
  return Object.fromEntries([...decision.states].map(([id, s]) => [id, s.status]))
}

const diamondAfterCondition = [
  cond('check'),
  cmd('yes', { dependencies: [{ step: 'check', on: 'true' }] }),
  cmd('no', { dependencies: [{ step: 'check', on: 'false' }] }),
  cmd('join', { dependencies: ['yes', 'no'] }),
]

/** Issue 15's repro: rollback handles deploy's failure only in production. */
const isProdRollback = [
  cond('is_prod'),
  cmd('deploy'),
  cmd('rollback', {
    dependencies: [
      { step: 'deploy', on: 'failure' },
      { step: 'is_prod', on: 'true' },
    ],
  }),
]

describe('run state machine', () => {
  it('a new run readies its roots and leaves every other step pending', () => {
    const run = compile([cmd('a'), cmd('b'), cmd('c', { dependencies: ['a', 'b'] })])
    const decision = planRunStart(run)
    expect(statusOf(decision)).toEqual({ a: 'ready', b: 'ready', c: 'pending' })
    expect(decision.transitions.map((t) => t.reason)).toEqual(['run_started', 'run_started'])
  })

  const cases: {
    rule: string
    steps: StepIn[]
    extra?: Partial<TWorkflowDefinitionInput>
    before: Record<string, StepStatus | StepSnapshot>
    finished: [string, StepOutcome]
    after: Record<string, StepStatus>
    end?: { status: 'succeeded' | 'failed'; failedSteps: string[]; handledFailures: number }
  }[] = [
    {
      rule: 'a step whose only source succeeded becomes ready',
      steps: [cmd('a'), cmd('b', { dependencies: ['a'] })],
      before: { a: 'running', b: 'pending' },
      finished: ['a', { status: 'succeeded' }],
      after: { a: 'succeeded', b: 'ready' },
    },
    {
      rule: 'a join all waits until every source has finished',
      steps: [cmd('a'), cmd('b'), cmd('c', { dependencies: ['a', 'b'] })],
      before: { a: 'running', b: 'running', c: 'pending' },
      finished: ['a', { status: 'succeeded' }],
      after: { a: 'succeeded', b: 'running', c: 'pending' },
    },
    {
      rule: 'a step behind an untaken branch is skipped and the join after it still runs',
      steps: diamondAfterCondition,
      before: { check: 'running', yes: 'pending', no: 'pending', join: 'pending' },
      finished: ['check', { status: 'succeeded', conditionResult: true }],
      after: { check: 'succeeded', yes: 'ready', no: 'skipped', join: 'pending' },
    },
    {
      rule: 'skips propagate through a chain behind an untaken branch',
      steps: [
        cond('check'),
        cmd('x', { dependencies: [{ step: 'check', on: 'true' }] }),
        cmd('y', { dependencies: ['x'] }),
        cmd('z', { dependencies: ['y'] }),
      ],
      before: { check: 'running', x: 'pending', y: 'pending', z: 'pending' },
      finished: ['check', { status: 'succeeded', conditionResult: false }],
      after: { check: 'succeeded', x: 'skipped', y: 'skipped', z: 'skipped' },
      end: { status: 'succeeded', failedSteps: [], handledFailures: 0 },
    },
    {
      rule: 'the join after a condition runs once the taken branch succeeds',
      steps: diamondAfterCondition,
      before: {
        check: { status: 'succeeded', conditionResult: true },
        yes: 'running',
        no: 'skipped',
        join: 'pending',
      },
      finished: ['yes', { status: 'succeeded' }],
      after: { check: 'succeeded', yes: 'succeeded', no: 'skipped', join: 'ready' },
    },
    {
      rule: 'a failure edge runs its target and skips the success path; the run can still succeed',
      steps: [cmd('a', { onFailure: 'cleanup' }), cmd('next', { dependencies: ['a'] }), cmd('cleanup')],
      before: { a: 'running', next: 'pending', cleanup: 'pending' },
      finished: ['a', { status: 'failed' }],
      after: { a: 'failed', next: 'skipped', cleanup: 'ready' },
    },
    {
      rule: 'an always edge runs after a failure',
      steps: [cmd('a'), cmd('report', { dependencies: [{ step: 'a', on: 'always' }] })],
      before: { a: 'running', report: 'pending' },
      finished: ['a', { status: 'failed' }],
      after: { a: 'failed', report: 'ready' },
    },
    {
      rule: 'under fail-fast an unhandled failure cancels every unfinished step and fails the run',
      steps: [cmd('a'), cmd('b'), cmd('c', { dependencies: ['a'] })],
      before: { a: 'running', b: 'running', c: 'pending' },
      finished: ['a', { status: 'failed' }],
      after: { a: 'failed', b: 'cancelled', c: 'cancelled' },
      end: { status: 'failed', failedSteps: ['a'], handledFailures: 0 },
    },
    {
      rule: 'under continue other branches go on after an unhandled failure',
      steps: [cmd('a'), cmd('b'), cmd('c', { dependencies: ['a'] })],
      extra: { errorHandling: { strategy: 'continue' } },
      before: { a: 'running', b: 'running', c: 'pending' },
      finished: ['a', { status: 'failed' }],
      after: { a: 'failed', b: 'running', c: 'skipped' },
    },
    {
      rule: 'under continue the run fails once everything has finished',
      steps: [cmd('a'), cmd('b')],
      extra: { errorHandling: { strategy: 'continue' } },
      before: { a: 'failed', b: 'running' },
      finished: ['b', { status: 'succeeded' }],
      after: { a: 'failed', b: 'succeeded' },
      end: { status: 'failed', failedSteps: ['a'], handledFailures: 0 },
    },
    {
      rule: 'the run succeeds when the last step succeeds',
      steps: [cmd('a'), cmd('b', { dependencies: ['a'] })],
      before: { a: 'succeeded', b: 'running' },
      finished: ['b', { status: 'succeeded' }],
      after: { a: 'succeeded', b: 'succeeded' },
      end: { status: 'succeeded', failedSteps: [], handledFailures: 0 },
    },
    {
      rule: 'a failure whose only handler was skipped is unhandled and fails the run',
      steps: isProdRollback,
      before: { is_prod: { status: 'succeeded', conditionResult: false }, deploy: 'running', rollback: 'pending' },
      finished: ['deploy', { status: 'failed' }],
      after: { is_prod: 'succeeded', deploy: 'failed', rollback: 'skipped' },
      end: { status: 'failed', failedSteps: ['deploy'], handledFailures: 0 },
    },
    {
      rule: 'a failure is not decided while its handler still waits for another edge: nothing is cancelled yet',
      steps: [...isProdRollback, cmd('other')],
      before: { is_prod: 'running', deploy: 'running', rollback: 'pending', other: 'running' },
      finished: ['deploy', { status: 'failed' }],
      after: { is_prod: 'running', deploy: 'failed', rollback: 'pending', other: 'running' },
    },
    {
      rule: 'a handler skipped later leaves the failure unhandled, and fail-fast then cancels the rest',
      steps: [...isProdRollback, cmd('other')],
      before: { is_prod: 'running', deploy: 'failed', rollback: 'pending', other: 'running' },
      finished: ['is_prod', { status: 'succeeded', conditionResult: false }],
      after: { is_prod: 'succeeded', deploy: 'failed', rollback: 'skipped', other: 'cancelled' },
      end: { status: 'failed', failedSteps: ['deploy'], handledFailures: 0 },
    },
    {
      rule: 'a handler that ran handles the failure and the run succeeds, counting it',
      steps: [cmd('a', { onFailure: 'cleanup' }), cmd('cleanup')],
      before: { a: 'failed', cleanup: 'running' },
      finished: ['cleanup', { status: 'succeeded' }],
      after: { a: 'failed', cleanup: 'succeeded' },
      end: { status: 'succeeded', failedSteps: [], handledFailures: 1 },
    },
    {
      rule: 'a handler that fails itself still handled the first failure; its own failure fails the run',
      steps: [cmd('a', { onFailure: 'cleanup' }), cmd('cleanup')],
      before: { a: 'failed', cleanup: 'running' },
      finished: ['cleanup', { status: 'failed' }],
      after: { a: 'failed', cleanup: 'failed' },
      end: { status: 'failed', failedSteps: ['cleanup'], handledFailures: 1 },
    },
    {
      rule: 'an always edge is finally: its step runs after an unhandled failure while fail-fast cancels the rest',
      steps: [cmd('a'), cmd('b'), cmd('report', { dependencies: [{ step: 'a', on: 'always' }] })],
      before: { a: 'running', b: 'running', report: 'pending' },
      finished: ['a', { status: 'failed' }],
      after: { a: 'failed', b: 'cancelled', report: 'ready' },
    },
    {
      rule: 'an always edge does not handle a failure: the run fails once the finally step is done',
      steps: [cmd('a'), cmd('report', { dependencies: [{ step: 'a', on: 'always' }] })],
      before: { a: 'failed', report: 'running' },
      finished: ['report', { status: 'succeeded' }],
      after: { a: 'failed', report: 'succeeded' },
      end: { status: 'failed', failedSteps: ['a'], handledFailures: 0 },
    },
    {
      rule: 'while a run is failing only always edges lead on from a finally step',
      steps: [
        cmd('a'),
        cmd('report', { dependencies: [{ step: 'a', on: 'always' }] }),
        cmd('archive', { dependencies: ['report'] }),
        cmd('cleanup', { dependencies: [{ step: 'report', on: 'always' }] }),
      ],
      before: { a: 'failed', report: 'running', archive: 'pending', cleanup: 'pending' },
      finished: ['report', { status: 'succeeded' }],
      after: { a: 'failed', report: 'succeeded', archive: 'cancelled', cleanup: 'ready' },
    },
    {
      rule: 'under continue an always step runs and the run still fails when everything is done',
      steps: [cmd('a'), cmd('b'), cmd('report', { dependencies: [{ step: 'a', on: 'always' }] })],
      extra: { errorHandling: { strategy: 'continue' } },
      before: { a: 'failed', b: 'succeeded', report: 'running' },
      finished: ['report', { status: 'succeeded' }],
      after: { a: 'failed', b: 'succeeded', report: 'succeeded' },
      end: { status: 'failed', failedSteps: ['a'], handledFailures: 0 },
    },
    {
      rule: 'a fail step ends the run at once, even under continue, counting failures handled before it',
      steps: [
        cmd('a', { onFailure: 'notify' }),
        cmd('notify'),
        { id: 'stop', name: 'stop', type: 'fail', error: { code: 'x', message: 'y' }, dependencies: ['notify'] },
        cmd('other'),
      ],
      extra: { errorHandling: { strategy: 'continue' } },
      before: { a: 'failed', notify: 'succeeded', stop: 'running', other: 'running' },
      finished: ['stop', { status: 'failed' }],
      after: { a: 'failed', notify: 'succeeded', stop: 'failed', other: 'cancelled' },
      end: { status: 'failed', failedSteps: ['stop'], handledFailures: 1 },
    },
    {
      rule: 'a join any runs as soon as one edge is taken and the others are decided',
      steps: [
        cond('check'),
        cmd('x', { dependencies: [{ step: 'check', on: 'true' }] }),
        cmd('y', { dependencies: [{ step: 'check', on: 'false' }] }),
        cmd('j', { join: 'any', dependencies: ['x', 'y'] }),
      ],
      before: {
        check: { status: 'succeeded', conditionResult: false },
        x: 'skipped',
        y: 'running',
        j: 'pending',
      },
      finished: ['y', { status: 'succeeded' }],
      after: { check: 'succeeded', x: 'skipped', y: 'succeeded', j: 'ready' },
    },
  ]

  it.each(cases)('$rule', ({ steps, extra, before, finished, after, end }) => {
    const run = compile(steps, extra)
    const decision = onStepFinished(run, states(before), finished[0], finished[1])
    expect(statusOf(decision)).toEqual(after)
    expect(decision.end).toEqual(end)
    expect(decision.transitions.some((t) => t.stepId === finished[0])).toBe(false)
  })

  it('finishing a step that already finished changes nothing', () => {
    const run = compile([cmd('a'), cmd('b', { dependencies: ['a'] })])
    const decision = onStepFinished(run, states({ a: 'succeeded', b: 'ready' }), 'a', { status: 'failed' })
    expect(decision.transitions).toEqual([])
    expect(statusOf(decision)).toEqual({ a: 'succeeded', b: 'ready' })
  })

  it('cancelling a run cancels every unfinished step and keeps finished ones', () => {
    const decision = onRunStopped(
      states({ a: 'succeeded', b: 'running', c: 'waiting', d: 'pending', e: 'skipped' }),
      'cancelled',
    )
    expect(statusOf(decision)).toEqual({
      a: 'succeeded',
      b: 'cancelled',
      c: 'cancelled',
      d: 'cancelled',
      e: 'skipped',
    })
    expect(new Set(decision.transitions.map((t) => t.reason))).toEqual(new Set(['run_cancelled']))
  })

  it('a rerun keeps succeeded steps and readies the failed step after them', () => {
    const run = compile([cmd('a'), cmd('b', { dependencies: ['a'] }), cmd('c', { dependencies: ['b'] })])
    const decision = planRunResume(run, states({ a: 'succeeded' }))
    expect(statusOf(decision)).toEqual({ a: 'succeeded', b: 'ready', c: 'pending' })
    expect(decision.end).toBeUndefined()
  })

  it('a rerun keeps a condition result, so the untaken branch is skipped again', () => {
    const run = compile(diamondAfterCondition)
    const decision = planRunResume(run, states({ check: { status: 'succeeded', conditionResult: false } }))
    expect(statusOf(decision)).toEqual({ check: 'succeeded', yes: 'skipped', no: 'ready', join: 'pending' })
  })
})

describe('retry decision', () => {
  const policy = {
    maxAttempts: 3,
    backoff: 'exponential' as const,
    initialDelay: '1s',
    maxDelay: '1m',
    multiplier: 2,
    jitter: 0,
  }
  const error = { code: 'boom', message: 'x', retryable: true }
  it.each([
    {
      rule: 'a retryable failure is retried after the initial delay',
      attempt: 1,
      err: error,
      expected: { retry: true, delayMs: 1000, nextAttempt: 2 },
    },
    {
      rule: 'backoff grows exponentially',
      attempt: 2,
      err: error,
      expected: { retry: true, delayMs: 2000, nextAttempt: 3 },
    },
    {
      rule: 'the last attempt is not retried',
      attempt: 3,
      err: error,
      expected: { retry: false, reason: 'attempts_exhausted' },
    },
    {
      rule: 'a non-retryable error fails at once',
      attempt: 1,
      err: { ...error, retryable: false },
      expected: { retry: false, reason: 'not_retryable' },
    },
  ])('$rule', ({ attempt, err, expected }) => {
    expect(decideRetry(policy, attempt, err, () => 0.5)).toEqual(expected)
  })
  it('only codes listed in retryOn are retried', () => {
    expect(decideRetry({ ...policy, retryOn: ['timeout'] }, 1, error, () => 0)).toEqual({
      retry: false,
      reason: 'code_not_retried',
    })
    expect(decideRetry({ ...policy, retryOn: ['boom'] }, 1, error, () => 0).retry).toBe(true)
  })
  it('jitter shortens the delay by up to its fraction', () => {
    expect(decideRetry({ ...policy, jitter: 0.5 }, 1, error, () => 1)).toEqual({
      retry: true,
      delayMs: 500,
      nextAttempt: 2,
    })
  })
})
