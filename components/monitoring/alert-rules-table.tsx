'use client'
// Every alert rule with its state and last value; edit, enable/disable, delete (user rules only).
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { useCan } from '@/components/auth/use-auth-status'
import { ApiError } from '@/components/ui/api-error'
import { useTRPC } from '@/components/trpc-provider'
import type { TAlertRule } from '@/server/api/routers/monitoring/monitoring.types'
import { AlertRuleForm } from './alert-rule-form'
import { AlertRuleRow } from './alert-rule-row'
import styles from './monitoring.module.css'

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
  const deleteRule = (rule: TAlertRule) => {
    if (window.confirm(`Delete the rule “${rule.name}” and its history?`)) remove.mutate({ id: rule.id })
  }
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
            <AlertRuleRow
              key={rule.id}
              rule={rule}
              onEdit={canUpdate ? () => setEditing(rule.id) : undefined}
              // Built-in rules can be edited or disabled, never deleted.
              onDelete={rule.builtinKey || !canDelete ? undefined : () => deleteRule(rule)}
            />
          ))}
        </tbody>
      </table>
    </section>
  )
}
