'use client'
// The constraints a run input's type allows: allowed values for strings and numbers, a range for
// numbers, lengths for strings and lists, and the item type of a list.
import { formatOption } from '@/components/ui/typed-value'
import { INPUT_TYPES, type TInputProperty, type TInputType } from '@/server/engine/input-schema'
import { ListField, NumberField, SelectField } from './fields'

type OnChange = (patch: Partial<TInputProperty>) => void

/** Options as written: numbers for number inputs, so the validator can report the ones that are not. */
function optionValues(type: TInputType, items: string[] | undefined): TInputProperty['enum'] {
  if (!items) return undefined
  if (type !== 'number' && type !== 'integer') return items
  return items.map((item) => (Number.isFinite(Number(item)) ? Number(item) : item))
}

function RangeFields({ prop, onChange }: { prop: TInputProperty; onChange: OnChange }) {
  return (
    <div className="field-pair">
      <NumberField label="Minimum" value={prop.minimum} onChange={(v) => onChange({ minimum: v })} />
      <NumberField label="Maximum" value={prop.maximum} onChange={(v) => onChange({ maximum: v })} />
    </div>
  )
}

function LengthFields({ prop, onChange }: { prop: TInputProperty; onChange: OnChange }) {
  return (
    <div className="field-pair">
      <NumberField
        label="Min length"
        min={0}
        value={prop.minLength}
        onChange={(v) => onChange({ minLength: v })}
      />
      <NumberField
        label="Max length"
        min={0}
        value={prop.maxLength}
        onChange={(v) => onChange({ maxLength: v })}
      />
    </div>
  )
}

export function InputConstraintFields({ prop, onChange }: { prop: TInputProperty; onChange: OnChange }) {
  const isNumber = prop.type === 'number' || prop.type === 'integer'
  return (
    <>
      {prop.type === 'string' || isNumber ? (
        <ListField
          label="Allowed values (comma-separated, optional)"
          value={prop.enum?.map(formatOption)}
          onChange={(items) => onChange({ enum: optionValues(prop.type, items) })}
        />
      ) : null}
      {isNumber ? <RangeFields prop={prop} onChange={onChange} /> : null}
      {prop.type === 'string' || prop.type === 'array' ? (
        <LengthFields prop={prop} onChange={onChange} />
      ) : null}
      {prop.type === 'array' ? (
        <SelectField<TInputType>
          label="Item type"
          value={prop.items?.type ?? 'string'}
          options={INPUT_TYPES.filter((t) => t !== 'array' && t !== 'object')}
          onChange={(type) => onChange({ items: { type } })}
        />
      ) : null}
    </>
  )
}
