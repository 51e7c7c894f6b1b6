'use client'
// The command and parallel steps' action and params fields: a picker of the fleet's announced
// actions (free text allowed) and a params form generated from the chosen action's schema, with a
// raw JSON toggle.
import { useId, useMemo, useState, type ReactNode } from 'react'
import { actionNotice, schemaNote, type FleetAction } from '@/components/action-params/action-choices'
import { ActionPicker } from '@/components/action-params/action-picker'
import { findParamIssues } from '@/components/action-params/param-issues'
import { describeParamsForm } from '@/components/action-params/param-schema'
import { extraKeys, type Params } from '@/components/action-params/param-values'
import { FormFields } from '@/components/action-params/params-form'
import { useFleetActions } from '@/components/action-params/use-fleet-actions'
import { JsonField, Row, isObject } from './fields'
import type { IssuePath } from './field-issues'

export function ActionField(props: {
  label: string
  value: string | undefined
  onChange: (value: string) => void
  placeholder?: string
  hint?: ReactNode
  issuePath?: IssuePath
}) {
  const id = useId()
  const actions = useFleetActions()
  const notice = actionNotice(actions, props.value)
  const hint = notice ? (
    <span
      className={notice.level === 'error' ? 'field-error' : 'field-warning'}
      role="alert"
      data-action-notice
    >
      {notice.text}
    </span>
  ) : (
    props.hint
  )
  return (
    <Row id={id} label={props.label} hint={hint} issuePath={notice ? undefined : props.issuePath}>
      <ActionPicker
        id={id}
        value={props.value}
        actions={actions ?? []}
        onChange={props.onChange}
        invalid={notice?.level === 'error'}
        placeholder={props.placeholder}
      />
    </Row>
  )
}

const asParams = (value: unknown): Params =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Params) : {}

function GeneratedParams(props: { action: FleetAction; value: unknown; onChange: (next: unknown) => void }) {
  const form = useMemo(() => describeParamsForm(props.action.paramsSchema), [props.action.paramsSchema])
  if (!form) return null
  const params = asParams(props.value)
  const issues = findParamIssues(form, params)
  const extra = extraKeys(form, params)
  const note = schemaNote(props.action)
  return (
    <div className="action-params-form" data-action-params-form={props.action.name}>
      {note ? <p className="muted">{note}</p> : null}
      <FormFields
        form={form}
        params={params}
        issues={issues}
        onChange={(next) => props.onChange(Object.keys(next).length > 0 ? next : undefined)}
      />
      {extra.length > 0 ? <p className="muted">Also set (edit in raw JSON): {extra.join(', ')}</p> : null}
    </div>
  )
}

export function ActionParamsField(props: {
  label: string
  action: string | undefined
  value: unknown
  onChange: (value: unknown) => void
  hint?: ReactNode
  issuePath?: IssuePath
}) {
  const actions = useFleetActions()
  const [raw, setRaw] = useState(false)
  const action = actions?.find((a) => a.name === props.action)
  const hasForm = !!action && describeParamsForm(action.paramsSchema) !== undefined
  const json = (
    <JsonField
      label={`${props.label} (JSON)`}
      value={props.value}
      onChange={props.onChange}
      check={isObject}
      hint={props.hint}
      issuePath={props.issuePath}
    />
  )
  if (!hasForm) return json
  return (
    <fieldset className="inspector-group">
      <legend>{props.label}</legend>
      <label className="param-raw-toggle">
        <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} /> Raw JSON
      </label>
      {raw ? json : <GeneratedParams action={action} value={props.value} onChange={props.onChange} />}
    </fieldset>
  )
}
