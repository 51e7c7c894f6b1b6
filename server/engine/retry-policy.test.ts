import { describe, expect, it } from 'vitest'
import {
  DEFAULT_RETRY_POLICY,
  computeRetryDelay,
  isRetryableUnder,
  resolveRetryPolicy,
  type TRetryPolicy,
} from './retry-policy'

const policy = (over: Partial<TRetryPolicy> = {}): TRetryPolicy => ({
  ...DEFAULT_RETRY_POLICY,
  jitter: 0,
  ...over,
})

describe('computeRetryDelay', () => {
  it.each([
    { rule: 'exponential backoff starts at the initial delay', p: policy(), attempt: 1, random: 0, ms: 1000 },
    { rule: 'exponential backoff multiplies per attempt', p: policy(), attempt: 3, random: 0, ms: 4000 },
    { rule: 'the multiplier is configurable', p: policy({ multiplier: 3 }), attempt: 3, random: 0, ms: 9000 },
    {
      rule: 'delays are capped at maxDelay',
      p: policy({ maxDelay: '5s' }),
      attempt: 10,
      random: 0,
      ms: 5000,
    },
    {
      rule: 'fixed backoff always waits the initial delay',
      p: policy({ backoff: 'fixed', initialDelay: '2s' }),
      attempt: 5,
      random: 0,
      ms: 2000,
    },
    {
      rule: 'jitter shortens the delay by up to its fraction',
      p: policy({ jitter: 0.2 }),
      attempt: 1,
      random: 1,
      ms: 800,
    },
    {
      rule: 'jitter with random 0 keeps the full delay',
      p: policy({ jitter: 0.5 }),
      attempt: 2,
      random: 0,
      ms: 2000,
    },
    {
      rule: 'jitter scales linearly with the random draw',
      p: policy({ jitter: 0.5 }),
      attempt: 1,
      random: 0.5,
      ms: 750,
    },
  ])('$rule', ({ p, attempt, random, ms }) => {
    expect(computeRetryDelay(p, attempt, () => random)).toBe(ms)
  })
})

describe('resolveRetryPolicy', () => {
  it('built-in defaults apply when nothing is set', () => {
    expect(resolveRetryPolicy({}, {})).toEqual(DEFAULT_RETRY_POLICY)
  })
  it('a step override wins field by field over the workflow default', () => {
    const resolved = resolveRetryPolicy(
      { retryPolicy: { maxAttempts: 5 } },
      { retryPolicy: { maxAttempts: 2, backoff: 'fixed', initialDelay: '3s' } },
    )
    expect(resolved).toMatchObject({ maxAttempts: 5, backoff: 'fixed', initialDelay: '3s', maxDelay: '5m' })
  })
  it('retryOn limits retries to the listed error codes', () => {
    const resolved = resolveRetryPolicy({ retryPolicy: { retryOn: ['device_lost'] } }, {})
    expect(isRetryableUnder(resolved, { code: 'device_lost', retryable: true })).toBe(true)
    expect(isRetryableUnder(resolved, { code: 'timeout', retryable: true })).toBe(false)
  })
  it('a non-retryable error is never retried', () => {
    expect(isRetryableUnder(resolveRetryPolicy({}, {}), { code: 'bad_params', retryable: false })).toBe(false)
  })
})
