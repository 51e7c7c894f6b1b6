import { describe, expect, it } from 'vitest'
import { triggerSummary } from './trigger-summary'

describe('triggerSummary', () => {
  it.each([
    [true, [{ enabled: true }, { enabled: true }], 'webhook · 2 schedules'],
    [false, [{ enabled: true }, { enabled: false }], '1 schedule'],
    [true, [], 'webhook'],
    [false, [{ enabled: false }], 'manual only'],
  ])(
    'webhook %s with schedules %j reads "%s" (paused schedules do not count)',
    (webhook, schedules, text) => {
      expect(triggerSummary(webhook, schedules)).toBe(text)
    },
  )
})
