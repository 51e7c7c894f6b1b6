import { describe, expect, it } from 'vitest'
import { RETRYABLE_ERROR_CODES } from '@/server/engine/step-error-codes'
import { checkRetryCode, retryCodeChoices, setRetryField, toggleRetryCode } from './retry-edits'

describe('retry policy edits', () => {
  it('setting a field keeps the others', () => {
    expect(setRetryField({ maxAttempts: 3 }, 'jitter', 0)).toEqual({ maxAttempts: 3, jitter: 0 })
  })

  it('clearing the last field leaves no policy, so a step inherits the workflow default', () => {
    expect(setRetryField({ multiplier: 3 }, 'multiplier', undefined)).toBeUndefined()
    expect(setRetryField(undefined, 'backoff', undefined)).toBeUndefined()
  })

  it('toggling a code adds it, toggling again removes it, and an empty list means every retryable error', () => {
    const one = toggleRetryCode(undefined, 'timeout')
    expect(one).toEqual(['timeout'])
    expect(toggleRetryCode(one, 'device_lost')).toEqual(['timeout', 'device_lost'])
    expect(toggleRetryCode(one, 'timeout')).toBeUndefined()
  })

  it('a typed code must be one word and new', () => {
    expect(checkRetryCode(undefined, ' deploy_failed ')).toBeUndefined()
    expect(checkRetryCode(undefined, '  ')).toMatch(/Type an error code/)
    expect(checkRetryCode(undefined, 'two words')).toMatch(/no spaces/)
    expect(checkRetryCode(['timeout'], 'timeout')).toMatch(/already/)
  })

  it('the chips are the codes the runner produces, then the other codes the policy names', () => {
    const choices = retryCodeChoices(['timeout', 'deploy_failed'])
    expect(choices.map((c) => c.code)).toEqual([...RETRYABLE_ERROR_CODES.map((c) => c.code), 'deploy_failed'])
    expect(choices.find((c) => c.code === 'no_capable_device')?.meaning).toMatch(/placement timeout/)
  })
})
