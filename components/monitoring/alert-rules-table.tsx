'use client'
// Every alert rule with its state and last value; edit, enable/disable, delete (user rules only).
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { useCan } from '@/components/auth/use-auth-status'
import { ApiError } from '@/components/ui/api-error'
import { useTRPC } from '@/components/trpc-provider'
import type { TAlertRule } from '@/server/api/routers/monitoring/monitoring.types'
import { ALERT_METRIC_INFO } from '@/server/statistics/monitoring/alert-metrics'
import { AlertRuleForm } from './alert-rule-form'
import { formatMetricValue } from './monitoring-format'
import styles from './monitoring.module.css'

const STATE_CLASS = {
  firing: styles.stateFiring,
  pending: styles.statePending,
  inactive: styles.stateInactive,
}

export function AlertRulesTable({ rules, onChanged }: { rules: TAlertRule[]; onChanged: () => void }) {
  const trpc = useTRPC()
  const [editing, setEditing] = useState<string | null>(null) // a rule id, or 'new'
  const remove = useMutation(trpc.monitoring.deleteRule.mutationOptions({ onSuccess: onChanged }))
  const done = () => {
    setEditing(null)
    onChanged()
  }
  // Editing rules is for admins (server/auth/permissions.ts); others see the table only.
  const canCreate = useCan('monitoring.createRule')
  const canUpdate = useCan('monitoring.updateRule')
  const canDelete = useCan('monitoring.deleteRule')
  const editedRule = rules.find((r) => r.id === editing)
  return (
    <section className="card" aria-labelledby="rules-title">
      <div className="toolbar">
        <h2 id="rules-title" className={`${styles.chartTitle} grow`}>
          Alert rules
        </h2>
        {canCreate ? (
          <button type="button" onClick={() => setEditing('new')}>
            New rule
          </button>
        ) : null}
      </div>
      {editing === 'new' && canCreate ? <AlertRuleForm onDone={done} /> : null}
      {editedRule && canUpdate ? <AlertRuleForm key={editedRule.id} rule={editedRule} onDone={done} /> : null}
      <ApiError error={remove.error} />
      <table>
        <thead>
          <tr>
            <th>Rule</th>
            <th>Condition</th>
            <th>Window / fire after</th>
            <th>Now</th>
            <th>State</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => (
            <tr key={rule.id} data-testid={`rule-${rule.builtinKey ?? rule.id}`}>
              <td>
                {rule.name} {rule.builtinKey ? <span className="badge">built in</span> : null}
                {rule.webhookUrl ? <span className="badge">webhook</span> : null}
              </td>
              <td>
                {ALERT_METRIC_INFO[rule.metric].label} {rule.comparator}{' '}
                {formatMetricValue(rule.metric, rule.threshold)}
              </td>
              <td>
                {ALERT_METRIC_INFO[rule.metric].windowed ? `${rule.windowSeconds} s` : 'now'} /{' '}
                {rule.forSeconds} s
              </td>
              <td>{rule.lastEvaluatedAt ? formatMetricValue(rule.metric, rule.lastValue) : '—'}</td>
              <td className={`${styles.state} ${rule.enabled ? STATE_CLASS[rule.state] : ''}`}>
                {rule.enabled ? rule.state : 'disabled'}
              </td>
              <td className="actions">
                {canUpdate ? (
                  <button type="button" onClick={() => setEditing(rule.id)} aria-label={`Edit ${rule.name}`}>
                    Edit
                  </button>
                ) : null}
                {rule.builtinKey || !canDelete ? null : (
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      if (window.confirm(`Delete the rule “${rule.name}” and its history?`))
                        remove.mutate({ id: rule.id })
                    }}
                  >
                    Delete
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
