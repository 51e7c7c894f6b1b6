'use client'
// Retry policy fields, for the workflow default and for a step's override.
import { NumberField, SelectField, TextField } from './fields'

export type RetryValue = {
  maxAttempts?: number
  backoff?: 'fixed' | 'exponential'
  initialDelay?: string | number
  maxDelay?: string | number
  [key: string]: unknown
}

function durationValue(text: string): string | number | undefined {
  if (text.trim() === '') return undefined
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : text.trim()
}

export function RetryFields({
  value,
  onChange,
  inherit,
}: {
  value: RetryValue | undefined
  onChange: (next: RetryValue | undefined) => void
  /** Label of the empty choice, e.g. "workflow default". */
  inherit: string
}) {
  const set = (key: keyof RetryValue, v: unknown) => {
    const next: RetryValue = { ...(value ?? {}) }
    if (v === undefined) delete next[key]
    else next[key] = v
    onChange(Object.keys(next).length > 0 ? next : undefined)
  }
  return (
    <fieldset className="inspector-group">
      <legend>Retry policy</legend>
      <NumberField
        label="Max attempts"
        min={1}
        max={100}
        placeholder={inherit}
        value={value?.maxAttempts}
        onChange={(v) => set('maxAttempts', v)}
      />
      <SelectField
        label="Backoff"
        value={value?.backoff ?? ''}
        options={[{ value: '', label: `(${inherit})` }, 'exponential', 'fixed']}
        onChange={(v) => set('backoff', v === '' ? undefined : v)}
      />
      <TextField
        label="Initial delay"
        placeholder={`e.g. 1s (${inherit})`}
        value={value?.initialDelay === undefined ? '' : String(value.initialDelay)}
        onChange={(v) => set('initialDelay', durationValue(v))}
        mono
      />
      <TextField
        label="Max delay"
        placeholder={`e.g. 5m (${inherit})`}
        value={value?.maxDelay === undefined ? '' : String(value.maxDelay)}
        onChange={(v) => set('maxDelay', durationValue(v))}
        mono
      />
    </fieldset>
  )
}

export { durationValue }
