'use client'
// Creates or edits an alert rule. Ratio metrics are entered as percentages; the server validates
// every field and the errors are shown with the field they name.
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useCan } from '@/components/auth/use-auth-status'
import { ApiError } from '@/components/ui/api-error'
import { useTRPC } from '@/components/trpc-provider'
import type { TAlertRule } from '@/server/api/routers/monitoring/monitoring.types'
import { ALERT_METRICS, ALERT_METRIC_INFO, type AlertMetric } from '@/server/statistics/monitoring/alert-metrics'
import { isRatioMetric, thresholdUnit } from './monitoring-format'
import styles from './monitoring.module.css'

type Draft = {
  name: string
  metric: AlertMetric
  comparator: '>' | '<'
  threshold: string
  windowSeconds: string
  forSeconds: string
  webhookUrl: string
  enabled: boolean
}

function toDraft(rule: TAlertRule | undefined): Draft {
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

export function AlertRuleForm({ rule, onDone }: { rule?: TAlertRule; onDone: () => void }) {
  const trpc = useTRPC()
  const [draft, setDraft] = useState<Draft>(() => toDraft(rule))
  const create = useMutation(trpc.monitoring.createRule.mutationOptions({ onSuccess: onDone }))
  const update = useMutation(trpc.monitoring.updateRule.mutationOptions({ onSuccess: onDone }))
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }))
  // The table only opens this form for admins; a role change mid-edit still disables saving.
  const canSave = useCan(rule ? 'monitoring.updateRule' : 'monitoring.createRule')

  function submit(event: FormEvent) {
    event.preventDefault()
    const raw = draft.threshold.trim() === '' ? Number.NaN : Number(draft.threshold)
    const fields = {
      name: draft.name,
      metric: draft.metric,
      comparator: draft.comparator,
      threshold: isRatioMetric(draft.metric) ? raw / 100 : raw,
      windowSeconds: Number(draft.windowSeconds),
      forSeconds: Number(draft.forSeconds),
      webhookUrl: draft.webhookUrl.trim() || null,
      enabled: draft.enabled,
    }
    if (rule) update.mutate({ id: rule.id, ...fields })
    else create.mutate(fields)
  }

  const unit = thresholdUnit(draft.metric)
  const pending = create.isPending || update.isPending
  return (
    <form className="card" onSubmit={submit} aria-label={rule ? `Edit rule ${rule.name}` : 'New alert rule'}>
      <h3 className={styles.chartTitle}>{rule ? `Edit “${rule.name}”` : 'New alert rule'}</h3>
      <div className={styles.ruleForm}>
        <label className="form-row">
          Name
          <input value={draft.name} onChange={(e) => set('name', e.target.value)} />
        </label>
        <label className="form-row">
          Metric
          <select
            value={draft.metric}
            onChange={(e) => set('metric', e.target.value as AlertMetric)}
            disabled={Boolean(rule?.builtinKey)}
          >
            {ALERT_METRICS.map((m) => (
              <option key={m} value={m}>
                {ALERT_METRIC_INFO[m].label}
              </option>
            ))}
          </select>
        </label>
        <label className="form-row">
          Condition
          <select value={draft.comparator} onChange={(e) => set('comparator', e.target.value as '>' | '<')}>
            <option value=">">above</option>
            <option value="<">below</option>
          </select>
        </label>
        <label className="form-row">
          Threshold{unit ? ` (${unit})` : ''}
          <input
            inputMode="decimal"
            value={draft.threshold}
            onChange={(e) => set('threshold', e.target.value)}
          />
        </label>
        <label className="form-row">
          Window (s)
          <input
            inputMode="numeric"
            value={draft.windowSeconds}
            onChange={(e) => set('windowSeconds', e.target.value)}
          />
        </label>
        <label className="form-row">
          Fire after (s)
          <input
            inputMode="numeric"
            value={draft.forSeconds}
            onChange={(e) => set('forSeconds', e.target.value)}
          />
        </label>
        <label className="form-row" style={{ gridColumn: 'span 2' }}>
          Webhook URL (optional)
          <input
            type="url"
            value={draft.webhookUrl}
            placeholder="https://…"
            onChange={(e) => set('webhookUrl', e.target.value)}
          />
        </label>
        <label className="checkbox-field">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => set('enabled', e.target.checked)} />
          Enabled
        </label>
      </div>
      <p className="muted" style={{ fontSize: 12 }}>
        {ALERT_METRIC_INFO[draft.metric].description}.
        {ALERT_METRIC_INFO[draft.metric].windowed
          ? ''
          : ' The window does not apply: the value is read as it is now.'}
      </p>
      <ApiError error={create.error ?? update.error} title="The rule was not saved" />
      <div className="toolbar">
        <button
          type="submit"
          className="primary"
          disabled={pending || !canSave}
          title={canSave ? undefined : 'Only admins can change alert rules.'}
        >
          {rule ? 'Save rule' : 'Create rule'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}
