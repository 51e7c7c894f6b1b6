'use client'
// Creates or edits an alert rule. Ratio metrics are entered as percentages; the server validates
// every field and the errors are shown with the field they name.
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useCan } from '@/components/auth/use-auth-status'
import { ApiError } from '@/components/ui/api-error'
import { useTRPC } from '@/components/trpc-provider'
import type { TAlertRule } from '@/server/api/routers/monitoring/monitoring.types'
import { ALERT_METRIC_INFO, type AlertMetric } from '@/server/statistics/monitoring/alert-metrics'
import { toDraft, toRuleFields, type AlertRuleDraft } from './alert-rule-draft'
import { AlertRuleFields } from './alert-rule-fields'
import styles from './monitoring.module.css'

export function AlertRuleForm({ rule, onDone }: { rule?: TAlertRule; onDone: () => void }) {
  const [draft, setDraft] = useState<AlertRuleDraft>(() => toDraft(rule))
  const save = useSaveAlertRule(rule, onDone)
  // The table only opens this form for admins; a role change mid-edit still disables saving.
  const canSave = useCan(rule ? 'monitoring.updateRule' : 'monitoring.createRule')

  function submit(event: FormEvent) {
    event.preventDefault()
    save.mutate(draft)
  }

  return (
    <form className="card" onSubmit={submit} aria-label={rule ? `Edit rule ${rule.name}` : 'New alert rule'}>
      <h3 className={styles.chartTitle}>{rule ? `Edit “${rule.name}”` : 'New alert rule'}</h3>
      <AlertRuleFields draft={draft} onDraft={setDraft} metricLocked={Boolean(rule?.builtinKey)} />
      <MetricNote metric={draft.metric} />
      <ApiError error={save.error} title="The rule was not saved" />
      <div className="toolbar">
        <button
          type="submit"
          className="primary"
          disabled={save.isPending || !canSave}
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

/** Updates the rule being edited, or creates a new one; either way `onDone` follows success. */
function useSaveAlertRule(rule: TAlertRule | undefined, onDone: () => void) {
  const trpc = useTRPC()
  const create = useMutation(trpc.monitoring.createRule.mutationOptions({ onSuccess: onDone }))
  const update = useMutation(trpc.monitoring.updateRule.mutationOptions({ onSuccess: onDone }))
  return {
    mutate(draft: AlertRuleDraft) {
      const fields = toRuleFields(draft)
      if (rule) update.mutate({ id: rule.id, ...fields })
      else create.mutate(fields)
    },
    isPending: create.isPending || update.isPending,
    error: create.error ?? update.error,
  }
}

/** What the chosen metric measures, and that the window does not apply to instant metrics. */
function MetricNote({ metric }: { metric: AlertMetric }) {
  return (
    <p className="muted" style={{ fontSize: 12 }}>
      {ALERT_METRIC_INFO[metric].description}.
      {ALERT_METRIC_INFO[metric].windowed
        ? ''
        : ' The window does not apply: the value is read as it is now.'}
    </p>
  )
}
