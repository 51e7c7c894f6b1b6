import { describe, expect, it } from 'vitest'
import { isEdgeTaken } from './step-status'

describe('isEdgeTaken', () => {
  it.each([
    ['success', { status: 'succeeded', attempt: 1 }, true],
    ['success', { status: 'failed', attempt: 1 }, false],
    ['failure', { status: 'failed', attempt: 1 }, true],
    ['failure', { status: 'running', attempt: 1 }, false],
    ['always', { status: 'failed', attempt: 1 }, true],
    ['true', { status: 'succeeded', attempt: 1, conditionResult: true }, true],
    ['true', { status: 'succeeded', attempt: 1, conditionResult: false }, false],
    ['false', { status: 'succeeded', attempt: 1, conditionResult: false }, true],
  ] as const)('a %s edge from a step %o is taken: %s', (kind, source, taken) => {
    expect(isEdgeTaken(kind, source)).toBe(taken)
  })

  it('an edge from a step with no events yet is not taken', () => {
    expect(isEdgeTaken('always', undefined)).toBe(false)
  })
})
