import { describe, expect, it } from 'vitest'
import { formatDuration, parseDuration, tryParseDuration } from './duration'

describe('parseDuration', () => {
  it.each([
    { rule: 'a number is milliseconds', input: 1500, ms: 1500 },
    { rule: 'ms suffix is milliseconds', input: '500ms', ms: 500 },
    { rule: 's suffix is seconds', input: '30s', ms: 30_000 },
    { rule: 'm suffix is minutes', input: '5m', ms: 300_000 },
    { rule: 'h suffix is hours', input: '2h', ms: 7_200_000 },
    { rule: 'd suffix is days', input: '1d', ms: 86_400_000 },
    { rule: 'compound parts add up', input: '1m30s', ms: 90_000 },
    { rule: 'zero is allowed', input: 0, ms: 0 },
  ])('$rule', ({ input, ms }) => {
    expect(parseDuration(input)).toBe(ms)
  })

  it.each([
    { rule: 'a unit is required', input: '30' },
    { rule: 'spaces are not allowed', input: '5 m' },
    { rule: 'negative numbers are rejected', input: -1 },
    { rule: 'fractional milliseconds are rejected', input: 1.5 },
    { rule: 'unknown units are rejected', input: '3w' },
  ])('$rule', ({ input }) => {
    expect(tryParseDuration(input)).toBeUndefined()
    expect(() => parseDuration(input)).toThrow(/Invalid duration/)
  })

  it('formatDuration renders the compact compound form', () => {
    expect(formatDuration(90_000)).toBe('1m30s')
    expect(formatDuration(86_400_000 + 500)).toBe('1d500ms')
  })
})
