'use client'
// The inspector fields of a `fail` step: the error code and message the run fails with.
import type { StepDoc } from '@/components/canvas/canvas-types'
import { ExpressionField } from './fields'
import type { Update } from './step-type-fields'

type FailStep = Extract<StepDoc, { type: 'fail' }>

export function FailFields({ step, update }: { step: FailStep; update: Update }) {
  const error = step.error
  const set = (patch: Partial<FailStep['error']>, field: string) => update({ error: { ...error, ...patch } }, field)
  return (
    <>
      <p className="muted">
        Ends the run as failed with this error, whatever else is running. Put it after a handler to notify and still
        fail the run.
      </p>
      <ExpressionField
        label="Error code"
        mode="template"
        value={error.code}
        onChange={(v) => set({ code: v }, 'error.code')}
        placeholder="deploy_failed"
        hint="The run's error code, e.g. deploy_failed; may contain {{ expressions }}."
      />
      <ExpressionField
        label="Error message"
        mode="template"
        value={error.message}
        onChange={(v) => set({ message: v }, 'error.message')}
        placeholder="Deploy of {{ inputs.version }} failed: {{ steps.deploy.error.message }}"
        hint="What went wrong and what to do; may contain {{ expressions }}."
      />
    </>
  )
}
