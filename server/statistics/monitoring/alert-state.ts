// The alert state machine: inactive → pending (condition holds) → firing (held for `forSeconds`)
// → resolved (condition cleared; back to inactive). Missing data never fires and clears alerts.
import { formatMetricValue, ALERT_METRIC_INFO, type AlertMetric } from './alert-metrics'
import type { AlertComparator } from './alert-rules'

export const ALERT_STATES = ['inactive', 'pending', 'firing'] as const
export type AlertState = (typeof ALERT_STATES)[number]
export type AlertTransition = 'pending' | 'firing' | 'resolved'

export interface AlertRuleState {
  name: string
  metric: AlertMetric
  comparator: AlertComparator
  threshold: number
  forSeconds: number
  state: AlertState
  stateSince: Date | null
}

export interface AlertDecision {
  state: AlertState
  stateSince: Date | null
  /** Present when the rule changed state in a way worth recording and notifying. */
  transition?: { to: AlertTransition; message: string }
}

export function isBreaching(comparator: AlertComparator, value: number | null, threshold: number): boolean {
  if (value === null || Number.isNaN(value)) return false
  return comparator === '>' ? value > threshold : value < threshold
}

export function evaluateAlertRule(rule: AlertRuleState, value: number | null, now: Date): AlertDecision {
  const breaching = isBreaching(rule.comparator, value, rule.threshold)
  const since = rule.stateSince ?? now
  const describe = (verb: string) => describeCondition(rule, value, verb)
  switch (rule.state) {
    case 'inactive':
      if (!breaching) return { state: 'inactive', stateSince: rule.stateSince }
      if (rule.forSeconds === 0)
        return { state: 'firing', stateSince: now, transition: { to: 'firing', message: describe('firing') } }
      return {
        state: 'pending',
        stateSince: now,
        transition: { to: 'pending', message: describe('pending') },
      }
    case 'pending':
      // A pending alert whose condition clears goes quietly back to inactive: it never fired.
      if (!breaching) return { state: 'inactive', stateSince: now }
      if (now.getTime() - since.getTime() >= rule.forSeconds * 1000)
        return { state: 'firing', stateSince: now, transition: { to: 'firing', message: describe('firing') } }
      return { state: 'pending', stateSince: since }
    case 'firing':
      if (breaching) return { state: 'firing', stateSince: since }
      return {
        state: 'inactive',
        stateSince: now,
        transition: { to: 'resolved', message: describe('resolved') },
      }
    default: {
      const unknown: never = rule.state
      throw new Error(`Unknown alert state ${String(unknown)}`)
    }
  }
}

function describeCondition(rule: AlertRuleState, value: number | null, verb: string): string {
  const label = ALERT_METRIC_INFO[rule.metric].label
  const shown = formatMetricValue(rule.metric, value)
  const limit = `${rule.comparator} ${formatMetricValue(rule.metric, rule.threshold)}`
  if (verb === 'resolved') return `${rule.name} resolved: ${label} is ${shown} (threshold ${limit})`
  return `${rule.name} ${verb}: ${label} is ${shown} (threshold ${limit})`
}
