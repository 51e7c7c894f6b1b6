'use client'
// The type-specific part of the inspector: the fields a step type declares in its definition,
// rendered generically, or the type's own inspector component where it registered one.
import type { TDeviceTarget } from '@/server/engine/device-target'
import type { FieldPath, InspectorField } from '@/steps/step-presentation'
import type { StepDoc } from '../editor-types'
import { ExpressionField, JsonField, ListField, SelectField, TextField, isObject } from './fields'
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

function DeclaredField({ field, step, update }: { field: InspectorField; step: StepDoc; update: Update }) {
  if (field.kind === 'note') return <p className="muted">{field.text}</p>
  const value = valueAt(step, field.path)
  const set = (next: unknown) => update(patchAt(step, field.path, next), field.path.join('.'))
  switch (field.kind) {
    case 'target':
      return <TargetFields value={value as TDeviceTarget | undefined} onChange={set} />
    case 'workflow':
      return <WorkflowCallField label={field.label} value={value} onChange={set} />
    case 'text':
      return (
        <TextField label={field.label} value={asString(value)} onChange={set} placeholder={field.placeholder} mono={field.mono} hint={field.hint} />
      )
    case 'template':
    case 'expression':
      return (
        <ExpressionField label={field.label} mode={field.kind} value={asString(value)} onChange={set} placeholder={field.placeholder} hint={field.hint} />
      )
    case 'json':
      return (
        <JsonField label={field.label} value={value} onChange={set} check={field.objectOnly ? isObject : undefined} rows={field.rows} hint={field.hint} />
      )
    case 'select':
      return <SelectField label={field.label} value={asString(value)} options={field.options} onChange={set} />
    case 'list':
      return (
        <ListField
          label={field.label}
          placeholder={field.placeholder}
          value={Array.isArray(value) ? (value as (string | number)[]) : undefined}
          onChange={(items) => set(field.numbers ? items?.map(Number) : items)}
        />
      )
  }
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
