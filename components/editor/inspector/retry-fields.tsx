'use client'
// Retry policy fields, for the workflow default and for a step's override: every field of the
// policy, each empty meaning "inherited" (from the workflow, or the built-in default).
import { DEFAULT_RETRY_POLICY } from '@/server/engine/retry-policy'
import { DurationField } from './duration-field'
import { NumberField, SelectField } from './fields'
import { setRetryField, type RetryValue } from './retry-edits'
import { RetryOnChips } from './retry-on-chips'

export { durationValue } from './duration-field'
export type { RetryValue } from './retry-edits'

const at = (key: keyof RetryValue) => ['retryPolicy', key] as const

const INHERITED = {
  workflow: { field: 'built-in default', retryOn: 'every retryable error' },
  step: { field: 'workflow default', retryOn: 'as the workflow default says' },
}

type SetRetryField = <K extends keyof RetryValue>(key: K, v: RetryValue[K] | undefined) => void

/** How long the runner waits between attempts: the first delay, its growth, its cap and its jitter. */
function DelayFields({
  value,
  set,
  inherit,
}: {
  value: RetryValue | undefined
  set: SetRetryField
  inherit: string
}) {
  const d = DEFAULT_RETRY_POLICY
  return (
    <>
      <DurationField
        label="Initial delay"
        placeholder={`e.g. ${d.initialDelay} (${inherit})`}
        value={value?.initialDelay}
        onChange={(v) => set('initialDelay', v)}
        issuePath={at('initialDelay')}
      />
      <NumberField
        label="Multiplier"
        min={1}
        max={10}
        step={0.5}
        placeholder={`${d.multiplier} (${inherit})`}
        value={value?.multiplier}
        onChange={(v) => set('multiplier', v)}
        hint="Growth of the delay per attempt, exponential backoff only (1–10)."
        issuePath={at('multiplier')}
      />
      <DurationField
        label="Max delay"
        placeholder={`e.g. ${d.maxDelay} (${inherit})`}
        value={value?.maxDelay}
        onChange={(v) => set('maxDelay', v)}
        issuePath={at('maxDelay')}
      />
      <NumberField
        label="Jitter"
        min={0}
        max={1}
        step={0.05}
        placeholder={`${d.jitter} (${inherit})`}
        value={value?.jitter}
        onChange={(v) => set('jitter', v)}
        hint="Fraction of each delay that is randomised (0–1); jitter only shortens delays."
        issuePath={at('jitter')}
      />
    </>
  )
}

export function RetryFields({
  value,
  onChange,
  level,
}: {
  value: RetryValue | undefined
  onChange: (next: RetryValue | undefined) => void
  /** Whose policy: the workflow default (empty = built-in default) or a step override (empty = workflow's). */
  level: 'workflow' | 'step'
}) {
  const inherit = INHERITED[level].field
  const set: SetRetryField = (key, v) => onChange(setRetryField(value, key, v))
  return (
    <fieldset className="inspector-group">
      <legend>Retry policy</legend>
      <NumberField
        label="Max attempts"
        min={1}
        max={100}
        placeholder={level === 'workflow' ? '1 (no retries)' : inherit}
        value={value?.maxAttempts}
        onChange={(v) => set('maxAttempts', v)}
        issuePath={at('maxAttempts')}
      />
      <SelectField
        label="Backoff"
        value={value?.backoff ?? ''}
        options={[{ value: '', label: `(${inherit})` }, 'exponential', 'fixed']}
        onChange={(v) => set('backoff', v === '' ? undefined : v)}
        issuePath={at('backoff')}
      />
      <DelayFields value={value} set={set} inherit={inherit} />
      <RetryOnChips
        value={value?.retryOn}
        onChange={(v) => set('retryOn', v)}
        inherit={INHERITED[level].retryOn}
        issuePath={at('retryOn')}
      />
    </fieldset>
  )
}
