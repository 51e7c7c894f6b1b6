'use client'
// The alert rule form's fields: name, metric, condition, threshold, window, delay, webhook, enabled.
import type { Dispatch, InputHTMLAttributes, SetStateAction } from 'react'
import {
  ALERT_METRICS,
  ALERT_METRIC_INFO,
  type AlertMetric,
} from '@/server/statistics/monitoring/alert-metrics'
import type { AlertRuleDraft } from './alert-rule-draft'
import { thresholdUnit } from './monitoring-format'
import styles from './monitoring.module.css'

export function AlertRuleFields({
  draft,
  onDraft,
  metricLocked,
}: {
  draft: AlertRuleDraft
  onDraft: Dispatch<SetStateAction<AlertRuleDraft>>
  /** Built-in rules keep their metric. */
  metricLocked: boolean
}) {
  const set = <K extends keyof AlertRuleDraft>(key: K, value: AlertRuleDraft[K]) =>
    onDraft((d) => ({ ...d, [key]: value }))
  const unit = thresholdUnit(draft.metric)
  return (
    <div className={styles.ruleForm}>
      <RuleTextField label="Name" value={draft.name} onValue={(v) => set('name', v)} />
      <MetricSelect value={draft.metric} onValue={(m) => set('metric', m)} disabled={metricLocked} />
      <ComparatorSelect value={draft.comparator} onValue={(c) => set('comparator', c)} />
      <RuleTextField
        label={`Threshold${unit ? ` (${unit})` : ''}`}
        inputMode="decimal"
        value={draft.threshold}
        onValue={(v) => set('threshold', v)}
      />
      <RuleTextField
        label="Window (s)"
        inputMode="numeric"
        value={draft.windowSeconds}
        onValue={(v) => set('windowSeconds', v)}
      />
      <RuleTextField
        label="Fire after (s)"
        inputMode="numeric"
        value={draft.forSeconds}
        onValue={(v) => set('forSeconds', v)}
      />
      <RuleTextField
        label="Webhook URL (optional)"
        wide
        type="url"
        value={draft.webhookUrl}
        placeholder="https://…"
        onValue={(v) => set('webhookUrl', v)}
      />
      <label className="checkbox-field">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => set('enabled', e.target.checked)} />
        Enabled
      </label>
    </div>
  )
}

function MetricSelect(props: {
  value: AlertMetric
  onValue: (metric: AlertMetric) => void
  disabled: boolean
}) {
  return (
    <label className="form-row">
      Metric
      <select
        value={props.value}
        onChange={(e) => props.onValue(e.target.value as AlertMetric)}
        disabled={props.disabled}
      >
        {ALERT_METRICS.map((m) => (
          <option key={m} value={m}>
            {ALERT_METRIC_INFO[m].label}
          </option>
        ))}
      </select>
    </label>
  )
}

/** Whether the rule fires above or below its threshold. */
function ComparatorSelect(props: { value: '>' | '<'; onValue: (comparator: '>' | '<') => void }) {
  return (
    <label className="form-row">
      Condition
      <select value={props.value} onChange={(e) => props.onValue(e.target.value as '>' | '<')}>
        <option value=">">above</option>
        <option value="<">below</option>
      </select>
    </label>
  )
}

/** A text input inside its label, one cell of the form's grid (two when wide). */
function RuleTextField({
  label,
  onValue,
  wide,
  ...input
}: { label: string; onValue: (value: string) => void; wide?: boolean } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'onChange'
>) {
  return (
    <label className="form-row" style={wide ? { gridColumn: 'span 2' } : undefined}>
      {label}
      <input {...input} onChange={(e) => onValue(e.target.value)} />
    </label>
  )
}
