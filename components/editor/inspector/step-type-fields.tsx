'use client'
// The type-specific part of the inspector: the fields a step type declares in its definition,
// rendered generically, or the type's own inspector component where it registered one.
import type { TDeviceTarget } from '@/server/engine/device-target'
import type { FieldPath, InspectorField } from '@/steps/step-presentation'
import type { StepDoc } from '@/components/canvas/canvas-types'
import { ActionField, ActionParamsField } from './action-fields'
import { DurationField } from './duration-field'
import { CheckboxField, ExpressionField, JsonField, ListField, NumberField, SelectField, TextField, isObject } from './fields'
import { TargetFields } from './target-fields'
import { WorkflowCallField } from './workflow-call-field'

export type Update = (patch: Record<string, unknown>, field: string) => void

function valueAt(step: StepDoc, path: FieldPath): unknown {
  let current: unknown = step
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

/** The top-level patch that sets `path` to `value`, dropping keys left undefined in nested objects. */
function patchAt(step: StepDoc, path: FieldPath, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path
  if (rest.length === 0) return { [head]: value }
  const inner = valueAt(step, [head])
  const base = typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : {}
  const nested = patchAt(base as StepDoc, rest as unknown as FieldPath, value)
  const next: Record<string, unknown> = { ...base, ...nested }
  for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key]
  return { [head]: next }
}

const asString = (value: unknown) => (typeof value === 'string' ? value : undefined)

const asDuration = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? value : undefined)
const asNumber = (value: unknown) => (typeof value === 'number' ? value : undefined)

type ValueField = Exclude<InspectorField, { kind: 'note' | 'target' | 'action-params' }>

function ValueInput({ field, value, set }: { field: ValueField; value: unknown; set: (next: unknown) => void }) {
  const common = { label: field.label, hint: field.hint, issuePath: field.path }
  switch (field.kind) {
    case 'action':
      return <ActionField {...common} value={asString(value)} onChange={set} placeholder={field.placeholder} />
    case 'workflow':
      return <WorkflowCallField label={field.label} value={value} onChange={set} />
    case 'text':
      return <TextField {...common} value={asString(value)} onChange={set} placeholder={field.placeholder} mono={field.mono} />
    case 'template':
    case 'expression':
      return <ExpressionField {...common} mode={field.kind} value={asString(value)} onChange={set} placeholder={field.placeholder} />
    case 'json':
      return <JsonField {...common} value={value} onChange={set} check={field.objectOnly ? isObject : undefined} rows={field.rows} />
    case 'select':
      return <SelectField {...common} value={asString(value)} options={field.options} onChange={set} />
    case 'duration':
      return <DurationField {...common} value={asDuration(value)} onChange={set} placeholder={field.placeholder} />
    case 'number':
      return <NumberField {...common} value={asNumber(value)} onChange={set} min={field.min} max={field.max} placeholder={field.placeholder} />
    case 'checkbox':
      return <CheckboxField {...common} checked={value === true} onChange={(on) => set(on ? true : undefined)} />
    case 'list':
      return (
        <ListField
          {...common}
          placeholder={field.placeholder}
          value={Array.isArray(value) ? (value as (string | number)[]) : undefined}
          onChange={(items) => set(field.numbers ? items?.map(Number) : items)}
        />
      )
  }
}

function DeclaredField({ field, step, update }: { field: InspectorField; step: StepDoc; update: Update }) {
  if (field.kind === 'note') return <p className="muted">{field.text}</p>
  const value = valueAt(step, field.path)
  const set = (next: unknown) => update(patchAt(step, field.path, next), field.path.join('.'))
  if (field.kind === 'target') return <TargetFields value={value as TDeviceTarget | undefined} onChange={set} />
  if (field.kind === 'action-params') {
    const action = asString(valueAt(step, field.actionPath))
    return <ActionParamsField label={field.label} hint={field.hint} issuePath={field.path} action={action} value={value} onChange={set} />
  }
  return <ValueInput field={field} value={value} set={set} />
}

/** Renders a list of declared inspector fields for one step. */
export function DeclaredFields({ fields, step, update }: { fields: readonly InspectorField[]; step: StepDoc; update: Update }) {
  return (
    <>
      {fields.map((field, i) => (
        <DeclaredField key={field.kind === 'note' ? `note-${i}` : field.path.join('.')} field={field} step={step} update={update} />
      ))}
    </>
  )
}
