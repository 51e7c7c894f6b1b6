import { describe, expect, it } from 'vitest'
import { describeCron, formatFireTime, previewSchedule } from './cron-text'

const NOW = new Date('2025-03-01T12:00:00Z') // a Saturday

describe('cron text', () => {
  it.each([
    ['30 9 * * 1-5', 'At 09:30, Monday through Friday'],
    ['*/15 * * * *', 'Every 15 minutes'],
    ['@daily', 'At 00:00'],
    ['@WEEKLY', 'At 00:00, only on Sunday'],
  ])('describes %s in plain language', (cron, text) => {
    expect(describeCron(cron)).toBe(text)
  })

  it('lists the next five fire times in the schedule’s zone, after now', () => {
    const preview = previewSchedule({ cron: '30 9 * * 1-5', timezone: 'Europe/Paris' }, NOW)
    expect(preview.ok).toBe(true)
    if (!preview.ok) return
    expect(preview.next.map((d) => formatFireTime(d, 'Europe/Paris'))).toEqual([
      'Mon, 3 Mar 2025, 09:30',
      'Tue, 4 Mar 2025, 09:30',
      'Wed, 5 Mar 2025, 09:30',
      'Thu, 6 Mar 2025, 09:30',
      'Fri, 7 Mar 2025, 09:30',
    ])
    expect(preview.next[0]?.toISOString()).toBe('2025-03-03T08:30:00.000Z')
  })

  it('names every problem with its field, as the server does', () => {
    const preview = previewSchedule({ cron: '0 25 * * *', timezone: 'Paris' }, NOW)
    expect(preview.ok).toBe(false)
    if (preview.ok) return
    expect(preview.problems.map((p) => p.field)).toEqual(['timezone', 'cron'])
  })
})
