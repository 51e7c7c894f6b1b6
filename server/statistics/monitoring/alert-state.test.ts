import { describe, expect, it } from 'vitest'
import { evaluateAlertRule, type AlertRuleState } from './alert-state'

const t0 = new Date('2030-01-01T00:00:00Z')
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000)
const rule = (patch: Partial<AlertRuleState> = {}): AlertRuleState => ({
  name: 'Queue depth above 1000',
  metric: 'queue_depth',
  comparator: '>',
  threshold: 1000,
  forSeconds: 30,
  state: 'inactive',
  stateSince: null,
  ...patch,
})

describe('alert state machine', () => {
  it('a breach makes an inactive rule pending, with a message naming value and threshold', () => {
    const d = evaluateAlertRule(rule(), 1500, t0)
    expect(d.state).toBe('pending')
    expect(d.stateSince).toEqual(t0)
    expect(d.transition).toEqual({
      to: 'pending',
      message: 'Queue depth above 1000 pending: Queue depth is 1,500 (threshold > 1,000)',
    })
  })

  it('pending becomes firing only once the condition held for forSeconds', () => {
    const pending = rule({ state: 'pending', stateSince: t0 })
    expect(evaluateAlertRule(pending, 1500, at(29))).toEqual({ state: 'pending', stateSince: t0 })
    const fired = evaluateAlertRule(pending, 1500, at(30))
    expect(fired.state).toBe('firing')
    expect(fired.transition?.to).toBe('firing')
  })

  it('forSeconds 0 fires at once', () => {
    expect(evaluateAlertRule(rule({ forSeconds: 0 }), 1001, t0).transition?.to).toBe('firing')
  })

  it('a pending rule whose condition clears returns to inactive without an event', () => {
    const d = evaluateAlertRule(rule({ state: 'pending', stateSince: t0 }), 10, at(5))
    expect(d).toEqual({ state: 'inactive', stateSince: at(5) })
  })

  it('a firing rule stays firing without new events while the condition holds', () => {
    const d = evaluateAlertRule(rule({ state: 'firing', stateSince: t0 }), 5000, at(100))
    expect(d).toEqual({ state: 'firing', stateSince: t0 })
  })

  it('a firing rule resolves when the condition clears', () => {
    const d = evaluateAlertRule(rule({ state: 'firing', stateSince: t0 }), 12, at(100))
    expect(d.state).toBe('inactive')
    expect(d.transition?.to).toBe('resolved')
    expect(d.transition?.message).toContain('resolved')
  })

  it('missing data never fires and resolves a firing rule', () => {
    expect(evaluateAlertRule(rule(), null, t0).state).toBe('inactive')
    expect(evaluateAlertRule(rule({ state: 'firing', stateSince: t0 }), null, at(1)).transition?.to).toBe(
      'resolved',
    )
  })

  it('a < comparator breaches below the threshold; ratios are shown as percentages', () => {
    const low = rule({
      metric: 'run_failure_rate',
      comparator: '<',
      threshold: 0.5,
      forSeconds: 0,
      name: 'Low',
    })
    const d = evaluateAlertRule(low, 0.25, t0)
    expect(d.transition?.message).toBe('Low firing: Run failure rate is 25% (threshold < 50%)')
    expect(evaluateAlertRule(low, 0.75, t0).state).toBe('inactive')
  })
})
