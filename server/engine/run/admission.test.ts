import { describe, expect, it } from 'vitest'
import { decideAdmission, freeSlots } from './admission'

describe('decideAdmission', () => {
  it('starts every run when the workflow has no limit', () => {
    expect(decideAdmission(undefined, 500)).toEqual({ kind: 'start' })
    expect(freeSlots(undefined, 500)).toBe(Number.POSITIVE_INFINITY)
  })

  it('starts below the limit and applies the policy at it', () => {
    expect(decideAdmission({ limit: 2, whenLimited: 'queue' }, 1).kind).toBe('start')
    expect(decideAdmission({ limit: 2, whenLimited: 'queue' }, 2)).toMatchObject({ kind: 'queue' })
    expect(decideAdmission({ limit: 2, whenLimited: 'cancel-new' }, 2)).toMatchObject({ kind: 'cancel-new' })
  })

  it('cancel-oldest makes exactly enough room, also when the limit was lowered', () => {
    expect(decideAdmission({ limit: 2, whenLimited: 'cancel-oldest' }, 2)).toMatchObject({ count: 1 })
    expect(decideAdmission({ limit: 1, whenLimited: 'cancel-oldest' }, 3)).toMatchObject({ count: 3 })
  })

  it('explains itself with the running count and the limit', () => {
    const decided = decideAdmission({ limit: 3, whenLimited: 'queue' }, 3)
    expect(decided.kind === 'queue' && decided.reason).toContain('3 running runs (limit 3)')
    expect(freeSlots({ limit: 3, whenLimited: 'queue' }, 1)).toBe(2)
    expect(freeSlots({ limit: 3, whenLimited: 'queue' }, 5)).toBe(0)
  })
})
