// An alert rule as the form holds it (text boxes, ratios in percent) and back to the API's fields.
import type { TAlertRule } from '@/server/api/routers/monitoring/monitoring.types'
import type { AlertMetric } from '@/server/statistics/monitoring/alert-metrics'
import { isRatioMetric } from './monitoring-format'

export type AlertRuleDraft = {
  name: string
  metric: AlertMetric
  comparator: '>' | '<'
  threshold: string
  windowSeconds: string
  forSeconds: string
  webhookUrl: string
  enabled: boolean
}

export function toDraft(rule: TAlertRule | undefined): AlertRuleDraft {
  if (!rule)
    return {
      name: '',
      metric: 'queue_depth',
      comparator: '>',
      threshold: '',
      windowSeconds: '300',
      forSeconds: '60',
      webhookUrl: '',
      enabled: true,
    }
  const shown = isRatioMetric(rule.metric) ? rule.threshold * 100 : rule.threshold
  return {
    name: rule.name,
    metric: rule.metric,
    comparator: rule.comparator,
    threshold: String(Math.round(shown * 1e6) / 1e6),
    windowSeconds: String(rule.windowSeconds),
    forSeconds: String(rule.forSeconds),
    webhookUrl: rule.webhookUrl ?? '',
    enabled: rule.enabled,
  }
}

/** The rule's fields as the API takes them; an empty threshold is NaN, which the server refuses by name. */
export function toRuleFields(draft: AlertRuleDraft) {
  const raw = draft.threshold.trim() === '' ? Number.NaN : Number(draft.threshold)
  return {
    name: draft.name,
    metric: draft.metric,
    comparator: draft.comparator,
    threshold: isRatioMetric(draft.metric) ? raw / 100 : raw,
    windowSeconds: Number(draft.windowSeconds),
    forSeconds: Number(draft.forSeconds),
    webhookUrl: draft.webhookUrl.trim() || null,
    enabled: draft.enabled,
  }
}
