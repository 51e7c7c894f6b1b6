'use client'
// The parallel step's inspector: the shared action fields, then the fan-out (over devices or
// items), concurrency and failure tolerance, whose choices reshape the step.
import { DeclaredFields, type Update } from '@/components/editor/inspector/step-type-fields'
import {
  CheckboxField,
  ExpressionField,
  JsonField,
  NumberField,
  SelectField,
} from '@/components/editor/inspector/fields'
import type { StepDoc } from '@/components/canvas/canvas-types'
import { actionInspectorFields } from '../command/definition'

type ParallelStep = Extract<StepDoc, { type: 'parallel' }>

type Props = { step: ParallelStep; update: Update }

/** What the step fans out over: every matching device (maybe none), or every item of a list. */
function FanOutFields({ step, update }: Props) {
  const over = step.over ?? 'devices'
  return (
    <>
      <SelectField
        label="Fan out over"
        value={over}
        options={[
          { value: 'devices', label: 'every matching device' },
          { value: 'items', label: 'every item of a list' },
        ]}
        onChange={(v) =>
          update(
            v === 'items'
              ? { over: v, items: step.items ?? '{{ inputs.items }}', allowEmpty: undefined }
              : { over: v, items: undefined },
            'over',
          )
        }
      />
      {over === 'devices' ? (
        <CheckboxField
          label="Succeed when no device matches"
          checked={step.allowEmpty === true}
          onChange={(on) => update({ allowEmpty: on ? true : undefined }, 'allowEmpty')}
          hint="Otherwise a fan-out that finds no device fails with no_capable_device."
          issuePath={['allowEmpty']}
        />
      ) : null}
      {over === 'items' ? <ItemsField step={step} update={update} /> : null}
    </>
  )
}

/** The list to fan out over: a `{{ }}` expression, or a JSON list written in the document. */
function ItemsField({ step, update }: Props) {
  if (typeof step.items === 'string' || step.items === undefined)
    return (
      <ExpressionField
        label="Items"
        mode="template"
        value={step.items}
        onChange={(v) => update({ items: v }, 'items')}
        hint="One {{ expression }} yielding a list; params can read item and index."
      />
    )
  return (
    <JsonField label="Items (JSON list)" value={step.items} onChange={(v) => update({ items: v }, 'items')} />
  )
}

/** How many failed branches the step tolerates: none, a count or a percentage. */
function FailureToleranceFields({ step, update }: Props) {
  const tolerance = step.failureTolerance
  const toleranceKind = !tolerance ? 'none' : 'count' in tolerance ? 'count' : 'percent'
  return (
    <>
      <SelectField
        label="Failure tolerance"
        value={toleranceKind}
        options={[
          { value: 'none', label: 'no failed branch' },
          { value: 'count', label: 'a number of branches' },
          { value: 'percent', label: 'a percentage of branches' },
        ]}
        onChange={(k) =>
          update(
            { failureTolerance: k === 'none' ? undefined : k === 'count' ? { count: 1 } : { percent: 10 } },
            'tolerance',
          )
        }
      />
      {tolerance ? (
        <NumberField
          label={'count' in tolerance ? 'Failed branches tolerated' : 'Percent of branches tolerated'}
          min={0}
          value={'count' in tolerance ? tolerance.count : tolerance.percent}
          onChange={(v) =>
            update(
              { failureTolerance: 'count' in tolerance ? { count: v ?? 0 } : { percent: v ?? 0 } },
              'toleranceValue',
            )
          }
        />
      ) : null}
    </>
  )
}

export function ParallelFields({ step, update }: Props) {
  return (
    <>
      <DeclaredFields fields={actionInspectorFields} step={step} update={update} />
      <FanOutFields step={step} update={update} />
      <NumberField
        label="Max concurrency"
        min={1}
        max={1000}
        placeholder="unlimited"
        value={step.maxConcurrency}
        onChange={(v) => update({ maxConcurrency: v }, 'maxConcurrency')}
        issuePath={['maxConcurrency']}
      />
      <FailureToleranceFields step={step} update={update} />
    </>
  )
}
