'use client'
// The wait step's inspector: what to wait for (a duration, a point in time or a signal) and
// the fields of that kind; switching the kind replaces the whole wait spec.
import type { Update } from '@/components/editor/inspector/step-type-fields'
import { ExpressionField, SelectField, TextField } from '@/components/editor/inspector/fields'
import { durationValue } from '@/components/editor/inspector/retry-fields'
import type { StepDoc } from '@/components/canvas/canvas-types'

type WaitStep = Extract<StepDoc, { type: 'wait' }>
type WaitSpec = WaitStep['wait']

type SetWait = (next: WaitSpec, field: string) => void

/** The spec a newly chosen kind starts from. */
function startingWait(kind: WaitSpec['kind']): WaitSpec {
  return kind === 'duration'
    ? { kind, duration: '1m' }
    : kind === 'until'
      ? { kind, until: '2030-01-01T09:00:00Z' }
      : { kind, signal: 'approval' }
}

/** Waiting for a signal: its name, the prompt shown to whoever sends it, and how long to wait at most. */
function SignalFields({ wait, set }: { wait: Extract<WaitSpec, { kind: 'signal' }>; set: SetWait }) {
  return (
    <>
      <TextField
        label="Signal name"
        value={wait.signal}
        onChange={(v) => set({ ...wait, signal: v }, 'wait.signal')}
        mono
      />
      <ExpressionField
        label="Prompt"
        mode="template"
        value={wait.prompt}
        onChange={(v) => set({ ...wait, prompt: v === '' ? undefined : v }, 'wait.prompt')}
      />
      <TextField
        label="Signal timeout"
        value={wait.timeout === undefined ? '' : String(wait.timeout)}
        onChange={(v) => set({ ...wait, timeout: durationValue(v) }, 'wait.timeout')}
        placeholder="none"
        mono
      />
    </>
  )
}

export function WaitFields({ step, update }: { step: WaitStep; update: Update }) {
  const wait = step.wait
  const set: SetWait = (next, field) => update({ wait: next }, field)
  return (
    <>
      <SelectField
        label="Wait for"
        value={wait.kind}
        options={[
          { value: 'duration', label: 'a duration' },
          { value: 'until', label: 'a point in time' },
          { value: 'signal', label: 'a signal (e.g. an approval)' },
        ]}
        onChange={(kind) => set(startingWait(kind), 'wait.kind')}
      />
      {wait.kind === 'duration' ? (
        <TextField
          label="Duration"
          value={String(wait.duration)}
          onChange={(v) => set({ kind: 'duration', duration: durationValue(v) ?? '' }, 'wait.duration')}
          mono
          hint="e.g. 30s, 5m, 1h30m, 1d"
        />
      ) : null}
      {wait.kind === 'until' ? (
        <ExpressionField
          label="Until"
          mode="template"
          value={wait.until}
          onChange={(v) => set({ ...wait, until: v }, 'wait.until')}
          hint="ISO-8601 with a zone, e.g. 2030-01-01T09:00:00Z, or a {{ expression }}."
        />
      ) : null}
      {wait.kind === 'signal' ? <SignalFields wait={wait} set={set} /> : null}
    </>
  )
}
