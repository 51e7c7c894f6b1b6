import { describe, expect, it } from 'vitest'
import {
  readsOutputOf,
  suggestOptimizations,
  type StepStats,
  type SuggestionStep,
} from './workflow-suggestions'

const stats = (stepId: string, patch: Partial<StepStats> = {}): [string, StepStats] => [
  stepId,
  {
    stepId,
    runs: 50,
    failed: 0,
    p50Ms: 1000,
    p95Ms: 2000,
    p99Ms: 3000,
    retried: 0,
    succeededOnSecondAttempt: 0,
    errorCodes: [],
    ...patch,
  },
]
const cmd = (id: string, extra: Partial<SuggestionStep> = {}): SuggestionStep => ({
  id,
  name: id,
  type: 'command',
  action: 'echo',
  ...extra,
})

describe('workflow suggestions', () => {
  it('a step after another that does not read its output could run in parallel', () => {
    const def = { steps: [cmd('build'), cmd('lint', { dependencies: ['build'] })] }
    const found = suggestOptimizations(def, new Map([stats('build'), stats('lint', { p50Ms: 400 })]))
    expect(found.filter((s) => s.kind === 'parallelize')).toEqual([
      {
        kind: 'parallelize',
        stepIds: ['build', 'lint'],
        message:
          'step "lint" waits on "build" sequentially; they have no data dependency — run them in parallel and save about 400 ms per run',
      },
    ])
  })

  it('a step that reads its predecessor’s output is not suggested', () => {
    const deploy = cmd('deploy', { dependencies: ['build'], params: { url: '{{ steps.build.output.url }}' } })
    expect(readsOutputOf(deploy, 'build')).toBe(true)
    const found = suggestOptimizations(
      { steps: [cmd('build'), deploy] },
      new Map([stats('build'), stats('deploy')]),
    )
    expect(found.some((s) => s.kind === 'parallelize')).toBe(false)
  })

  it('steps behind a condition or a failure edge are not parallelised', () => {
    const def = {
      steps: [
        { id: 'check', name: 'check', type: 'condition' },
        cmd('a', { dependencies: [{ step: 'check', on: 'true' }] }),
        cmd('b', { dependencies: [{ step: 'a', on: 'failure' }] }),
      ],
    }
    expect(suggestOptimizations(def, new Map()).some((s) => s.kind === 'parallelize')).toBe(false)
  })

  it('a step failing with a retryable code and no retry policy gets a retry suggestion', () => {
    const def = { steps: [cmd('deploy')] }
    const found = suggestOptimizations(
      def,
      new Map([stats('deploy', { failed: 6, errorCodes: [{ code: 'device_lost', count: 6 }] })]),
    )
    expect(found.map((s) => s.message)).toContain(
      'step "deploy" fails 12% with device_lost — add a retry policy (e.g. maxAttempts 3, exponential backoff)',
    )
    const withPolicy = { steps: [cmd('deploy', { retryPolicy: { maxAttempts: 3 } })] }
    const none = suggestOptimizations(
      withPolicy,
      new Map([stats('deploy', { failed: 6, errorCodes: [{ code: 'device_lost', count: 6 }] })]),
    )
    expect(none.some((s) => s.kind === 'add_retry')).toBe(false)
  })

  it('retries that always succeed on attempt 2 are reported', () => {
    const found = suggestOptimizations(
      { steps: [cmd('s')] },
      new Map([stats('s', { retried: 10, succeededOnSecondAttempt: 10 })]),
    )
    expect(found.map((s) => s.kind)).toContain('flaky_retry')
  })

  it('a timeout far above p99 gets a lower suggestion', () => {
    const found = suggestOptimizations(
      { steps: [cmd('s', { timeout: '1h' })] },
      new Map([stats('s', { p99Ms: 3000 })]),
    )
    expect(found.find((s) => s.kind === 'lower_timeout')?.message).toBe(
      'step "s" has a 1 h timeout but its p99 is 3 s — lower it to about 9 s so a stuck attempt is retried sooner',
    )
  })

  it('a step taking most of the time is named', () => {
    const def = { steps: [cmd('a'), cmd('b', { dependencies: [{ step: 'a', on: 'always' }] })] }
    const found = suggestOptimizations(
      def,
      new Map([stats('a', { p50Ms: 9000 }), stats('b', { p50Ms: 1000 })]),
    )
    expect(found.find((s) => s.kind === 'dominant_step')?.stepIds).toEqual(['a'])
  })
})
