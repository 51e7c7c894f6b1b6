'use client'
// One alert rule in the rules table: what it watches, its timing, its last value and state, and the
// edit/delete buttons the caller's role allows.
import type { TAlertRule } from '@/server/api/routers/monitoring/monitoring.types'
import { ALERT_METRIC_INFO } from '@/server/statistics/monitoring/alert-metrics'
import { formatMetricValue } from './monitoring-format'
import styles from './monitoring.module.css'

const STATE_CLASS = {
  firing: styles.stateFiring,
  pending: styles.statePending,
  inactive: styles.stateInactive,
}

export function AlertRuleRow({
  rule,
  onEdit,
  onDelete,
}: {
  rule: TAlertRule
  /** Left out when the button is not to be shown. */
  onEdit?: () => void
  onDelete?: () => void
}) {
  return (
    <tr data-testid={`rule-${rule.builtinKey ?? rule.id}`}>
      <td>
        {rule.name} {rule.builtinKey ? <span className="badge">built in</span> : null}
        {rule.webhookUrl ? <span className="badge">webhook</span> : null}
      </td>
      <td>
        {ALERT_METRIC_INFO[rule.metric].label} {rule.comparator}{' '}
        {formatMetricValue(rule.metric, rule.threshold)}
      </td>
      <td>
        {ALERT_METRIC_INFO[rule.metric].windowed ? `${rule.windowSeconds} s` : 'now'} / {rule.forSeconds} s
      </td>
      <td>{rule.lastEvaluatedAt ? formatMetricValue(rule.metric, rule.lastValue) : '—'}</td>
      <td className={`${styles.state} ${rule.enabled ? STATE_CLASS[rule.state] : ''}`}>
        {rule.enabled ? rule.state : 'disabled'}
      </td>
      <td className="actions">
        {onEdit ? (
          <button type="button" onClick={onEdit} aria-label={`Edit ${rule.name}`}>
            Edit
          </button>
        ) : null}
        {onDelete ? (
          <button type="button" className="danger" onClick={onDelete}>
            Delete
          </button>
        ) : null}
      </td>
    </tr>
  )
}
