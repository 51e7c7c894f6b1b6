import { describe, expect, it } from 'vitest'
import { WorkflowError } from '../errors'
import { ZWorkflowDefinition } from '../workflow-schema'
import { compileRun } from './compiled-run'
import { checkRerunnable, planRerunKeeps, type OriginalStepResult } from './rerun-plan'
import type { StepStatus } from './run-status'

type StepIn = Record<string, unknown> & { id: string }
const cmd = (id: string, extra: Record<string, unknown> = {}): StepIn => ({
  id,
  name: id,
  type: 'command',
  action: 'echo',
  ...extra,
})
const compile = (steps: StepIn[]) => compileRun(ZWorkflowDefinition.parse({ name: 't', steps }))

function original(steps: StepIn[], statuses: Record<string, StepStatus>): OriginalStepResult[] {
  return steps
    .filter((s) => statuses[s.id] !== undefined)
    .map((s) => ({
      stepId: s.id,
      type: s.type as string,
      status: statuses[s.id] as StepStatus,
      output: s.type === 'condition' ? { result: false } : { from: s.id },
    }))
}

/** Issue 15's repro: a fails and is handled; after_always follows a on always; next follows a on success. */
const handled = [
  cmd('a', { onFailure: 'handler' }),
  cmd('handler'),
  cmd('after_always', { dependencies: [{ step: 'a', on: 'always' }] }),
  cmd('next', { dependencies: ['a'] }),
]

describe('what a rerun keeps', () => {
  it.each([
    {
      rule: 'handlers and always-steps behind a re-executed step are decided again, not kept',
      before: handled,
      statuses: { a: 'failed', handler: 'succeeded', after_always: 'succeeded', next: 'skipped' },
      now: handled,
      kept: [],
    },
    {
      rule: 'succeeded steps before the re-executed one keep their outputs',
      before: [cmd('build'), cmd('deploy', { dependencies: ['build'] }), cmd('verify', { dependencies: ['deploy'] })],
      statuses: { build: 'succeeded', deploy: 'failed', verify: 'cancelled' },
      now: [cmd('build'), cmd('deploy', { dependencies: ['build'] }), cmd('verify', { dependencies: ['deploy'] })],
      kept: ['build'],
    },
    {
      rule: 'a join after an untaken branch is kept when nothing before it runs again',
      before: [
        { id: 'check', name: 'check', type: 'condition', expression: 'false' },
        cmd('yes', { dependencies: [{ step: 'check', on: 'true' }] }),
        cmd('join', { dependencies: ['yes', { step: 'check', on: 'false' }] }),
        cmd('other'),
      ],
      statuses: { check: 'succeeded', yes: 'skipped', join: 'succeeded', other: 'failed' },
      now: [
        { id: 'check', name: 'check', type: 'condition', expression: 'false' },
        cmd('yes', { dependencies: [{ step: 'check', on: 'true' }] }),
        cmd('join', { dependencies: ['yes', { step: 'check', on: 'false' }] }),
        cmd('other'),
      ],
      kept: ['check', 'join'],
    },
    {
      rule: 'a step new in the current version runs, and so does everything behind it',
      before: [cmd('a'), cmd('b', { dependencies: ['a'] })],
      statuses: { a: 'succeeded', b: 'succeeded' },
      now: [cmd('a'), cmd('n', { dependencies: ['a'] }), cmd('b', { dependencies: ['n'] })],
      kept: ['a'],
    },
    {
      rule: 'a step whose type changed is a different step: it runs again',
      before: [cmd('a'), cmd('b', { dependencies: ['a'] })],
      statuses: { a: 'succeeded', b: 'failed' },
      now: [{ id: 'a', name: 'a', type: 'wait', wait: { kind: 'duration', duration: '1s' } }, cmd('b', { dependencies: ['a'] })],
      kept: [],
    },
  ] as { rule: string; before: StepIn[]; statuses: Record<string, StepStatus>; now: StepIn[]; kept: string[] }[])(
    '$rule',
    ({ before, statuses, now, kept }) => {
      expect([...planRerunKeeps(compile(now), original(before, statuses)).keys()].sort()).toEqual([...kept].sort())
    },
  )

  it('steps named in fromSteps run again with everything behind them', () => {
    const steps = [cmd('a'), cmd('b', { dependencies: ['a'] }), cmd('c', { dependencies: ['b'] }), cmd('d')]
    const keeps = planRerunKeeps(
      compile(steps),
      original(steps, { a: 'succeeded', b: 'succeeded', c: 'succeeded', d: 'succeeded' }),
      ['b'],
    )
    expect([...keeps.keys()].sort()).toEqual(['a', 'd'])
    expect(keeps.get('a')).toEqual({ status: 'succeeded', output: { from: 'a' }, conditionResult: undefined })
  })

  it('a kept condition keeps the branch it chose', () => {
    const steps: StepIn[] = [{ id: 'check', name: 'check', type: 'condition', expression: 'false' }, cmd('x')]
    const keeps = planRerunKeeps(compile(steps), original(steps, { check: 'succeeded', x: 'failed' }))
    expect(keeps.get('check')?.conditionResult).toBe(false)
  })
})

describe('which runs can be rerun', () => {
  const conflict = (status: string, fromSteps?: string[]) => {
    try {
      checkRerunnable('r1', status, fromSteps)
      return 'allowed'
    } catch (error) {
      return error instanceof WorkflowError ? `${error.code}: ${error.message}` : 'other error'
    }
  }
  it.each([
    { rule: 'a failed run reruns its failed steps', status: 'failed', fromSteps: undefined, allowed: true },
    { rule: 'a timed-out run can be rerun', status: 'timed_out', fromSteps: undefined, allowed: true },
    { rule: 'a cancelled run can be rerun', status: 'cancelled', fromSteps: undefined, allowed: true },
    { rule: 'a succeeded run is not rerun without naming steps', status: 'succeeded', fromSteps: undefined, allowed: false },
    { rule: 'a succeeded run reruns the steps named in fromSteps', status: 'succeeded', fromSteps: ['a'], allowed: true },
    { rule: 'a running run is not rerun', status: 'running', fromSteps: ['a'], allowed: false },
  ])('$rule', ({ status, fromSteps, allowed }) => {
    expect(conflict(status, fromSteps) === 'allowed').toBe(allowed)
  })
  it('the refusal for a succeeded run says why and what to do', () => {
    expect(conflict('succeeded')).toBe(
      'conflict: Run r1 succeeded, so there is nothing to rerun; name the steps to run again with fromSteps, or start a new run.',
    )
  })
})
