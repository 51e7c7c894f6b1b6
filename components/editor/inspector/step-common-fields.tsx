'use client'
// The fields every step has after its type's own: attempt timeout, retry override, join and the
// step-local variables. Edges (dependencies, onSuccess, onFailure) are drawn on the canvas.
import type { StepDoc } from '@/components/canvas/canvas-types'
import { DurationField } from './duration-field'
import { SelectField } from './fields'
import { JsonEntriesField } from './json-entries-field'
import { RetryFields } from './retry-fields'
import type { Update } from './step-type-fields'

export function StepCommonFields({ step, update }: { step: StepDoc; update: Update }) {
  return (
    <>
      <DurationField
        label="Timeout (one attempt)"
        placeholder="type default, e.g. 30s"
        value={step.timeout}
        onChange={(timeout) => update({ timeout }, 'timeout')}
        hint="A timed-out attempt fails with the retryable code timeout."
        issuePath={['timeout']}
      />
      <RetryFields
        level="step"
        value={step.retryPolicy}
        onChange={(v) => update({ retryPolicy: v }, 'retry')}
      />
      <SelectField
        label="Join (when several edges lead here)"
        value={step.join ?? 'all'}
        options={[
          { value: 'all', label: 'all: every taken edge' },
          { value: 'any', label: 'any: the first taken edge' },
        ]}
        onChange={(v) => update({ join: v === 'all' ? undefined : v }, 'join')}
        issuePath={['join']}
      />
      <JsonEntriesField
        legend="Step variables"
        noun="Variable"
        hint="Read as vars.<name> in this step, over the workflow's variables of the same name."
        value={step.variables}
        onChange={(v) => update({ variables: v }, 'variables')}
        rule={{ identifier: true }}
        issuePath={['variables']}
      />
    </>
  )
}
