import { describe, expect, it } from 'vitest'
import {
  auditListInput,
  NEWEST_UNFILTERED,
  newerPage,
  olderPage,
  pickActor,
  withFilters,
} from './audit-log-query'

/** Two older pages opened, filtered by action. */
const twoPagesBack = olderPage(olderPage(withFilters(NEWEST_UNFILTERED, { action: 'runs.*' }), 900), 850)

describe('audit log query', () => {
  it('asks for the newest page with blank filters left out', () => {
    expect(auditListInput(NEWEST_UNFILTERED)).toEqual({
      action: undefined,
      outcome: undefined,
      actorId: undefined,
      beforeId: undefined,
      limit: 50,
    })
    expect(
      auditListInput(withFilters(NEWEST_UNFILTERED, { action: ' runs.* ', actorId: '  ' })),
    ).toMatchObject({
      action: 'runs.*',
      actorId: undefined,
    })
  })

  it('older pages start before the last page opened; newer goes back one page at a time', () => {
    expect(auditListInput(twoPagesBack).beforeId).toBe(850)
    expect(auditListInput(newerPage(twoPagesBack)).beforeId).toBe(900)
    expect(auditListInput(newerPage(newerPage(twoPagesBack))).beforeId).toBeUndefined()
  })

  it('changing a filter field starts again at the newest page, keeping the other filters', () => {
    const changed = withFilters(twoPagesBack, { outcome: 'denied' })
    expect(changed.pages).toEqual([])
    expect(auditListInput(changed)).toMatchObject({
      action: 'runs.*',
      outcome: 'denied',
      beforeId: undefined,
    })
  })

  it('picking an actor in the table starts again at the newest page, like typing in a filter field', () => {
    const picked = pickActor(twoPagesBack, 'user-7')
    expect(picked.pages).toEqual([])
    expect(auditListInput(picked)).toMatchObject({ action: 'runs.*', actorId: 'user-7', beforeId: undefined })
  })
})
