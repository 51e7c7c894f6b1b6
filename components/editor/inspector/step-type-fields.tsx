'use client'
// The type-specific part of the inspector, one component per step type.
import { HTTP_METHODS } from '@/server/engine/steps/webhook-step'
import type { StepDoc } from '@/components/canvas/canvas-types'
import { ExpressionField, JsonField, ListField, NumberField, SelectField, TextField, isObject } from './fields'
import { durationValue } from './retry-fields'
import { TargetFields } from './target-fields'

type Of<T extends string> = Extract<StepDoc, { type: T }>
export type Update = (patch: Record<string, unknown>, field: string) => void

function ActionFields({ step, update }: { step: Of<'command'> | Of<'parallel'>; update: Update }) {
  return (
    <>
      <TextField
        label="Action"
        value={step.action}
        onChange={(v) => update({ action: v }, 'action')}
        placeholder="system.info"
        mono
        hint="A device action, e.g. echo, system.info, http.request, sleep."
      />
      <JsonField
        label="Params (JSON)"
        value={step.params}
        onChange={(v) => update({ params: v }, 'params')}
        check={isObject}
        hint="Strings may contain {{ expressions }}, e.g. {{ inputs.version }}."
      />
      <TargetFields value={step.target} onChange={(v) => update({ target: v }, 'target')} />
    </>
  )
}

export function CommandFields({ step, update }: { step: Of<'command'>; update: Update }) {
  return <ActionFields step={step} update={update} />
}

export function ConditionFields({ step, update }: { step: Of<'condition'>; update: Update }) {
  return (
    <ExpressionField
      label="Expression (CEL)"
      mode="expression"
      value={step.expression}
      onChange={(v) => update({ expression: v }, 'expression')}
      placeholder="steps.check.output.status == 200"
      hint="Must yield true or false; routes along the true / false outputs."
    />
  )
}

export function ParallelFields({ step, update }: { step: Of<'parallel'>; update: Update }) {
  const over = step.over ?? 'devices'
  const tolerance = step.failureTolerance
  const toleranceKind = !tolerance ? 'none' : 'count' in tolerance ? 'count' : 'percent'
  return (
    <>
      <ActionFields step={step} update={update} />
      <SelectField
        label="Fan out over"
        value={over}
        options={[
          { value: 'devices', label: 'every matching device' },
          { value: 'items', label: 'every item of a list' },
        ]}
        onChange={(v) =>
          update(v === 'items' ? { over: v, items: step.items ?? '{{ inputs.items }}' } : { over: v, items: undefined }, 'over')
        }
      />
      {over === 'items' ? (
        typeof step.items === 'string' || step.items === undefined ? (
          <ExpressionField
            label="Items"
            mode="template"
            value={step.items}
            onChange={(v) => update({ items: v }, 'items')}
            hint="One {{ expression }} yielding a list; params can read item and index."
          />
        ) : (
          <JsonField label="Items (JSON list)" value={step.items} onChange={(v) => update({ items: v }, 'items')} />
        )
      ) : null}
      <NumberField
        label="Max concurrency"
        min={1}
        max={1000}
        placeholder="unlimited"
        value={step.maxConcurrency}
        onChange={(v) => update({ maxConcurrency: v }, 'maxConcurrency')}
      />
      <SelectField
        label="Failure tolerance"
        value={toleranceKind}
        options={[
          { value: 'none', label: 'no failed branch' },
          { value: 'count', label: 'a number of branches' },
          { value: 'percent', label: 'a percentage of branches' },
        ]}
        onChange={(k) =>
          update({ failureTolerance: k === 'none' ? undefined : k === 'count' ? { count: 1 } : { percent: 10 } }, 'tolerance')
        }
      />
      {tolerance ? (
        <NumberField
          label={'count' in tolerance ? 'Failed branches tolerated' : 'Percent of branches tolerated'}
          min={0}
          value={'count' in tolerance ? tolerance.count : tolerance.percent}
          onChange={(v) =>
            update({ failureTolerance: 'count' in tolerance ? { count: v ?? 0 } : { percent: v ?? 0 } }, 'toleranceValue')
          }
        />
      ) : null}
    </>
  )
}

type WaitSpec = Of<'wait'>['wait']

export function WaitFields({ step, update }: { step: Of<'wait'>; update: Update }) {
  const wait = step.wait
  const set = (next: WaitSpec, field: string) => update({ wait: next }, field)
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
        onChange={(kind) =>
          set(
            kind === 'duration'
              ? { kind, duration: '1m' }
              : kind === 'until'
                ? { kind, until: '2030-01-01T09:00:00Z' }
                : { kind, signal: 'approval' },
            'wait.kind',
          )
        }
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
      {wait.kind === 'signal' ? (
        <>
          <TextField label="Signal name" value={wait.signal} onChange={(v) => set({ ...wait, signal: v }, 'wait.signal')} mono />
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
      ) : null}
    </>
  )
}

type Request = Of<'webhook'>['request']

export function WebhookFields({ step, update }: { step: Of<'webhook'>; update: Update }) {
  const request = step.request
  const set = (patch: Partial<Request>, field: string) => {
    const next: Record<string, unknown> = { ...request, ...patch }
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key]
    update({ request: next }, field)
  }
  return (
    <>
      <SelectField label="Method" value={request.method} options={HTTP_METHODS} onChange={(v) => set({ method: v }, 'method')} />
      <ExpressionField
        label="URL"
        mode="template"
        value={request.url}
        onChange={(v) => set({ url: v }, 'url')}
        placeholder="https://example.com/hook"
      />
      <JsonField label="Headers (JSON)" value={request.headers} onChange={(v) => set({ headers: v as Request['headers'] }, 'headers')} check={isObject} rows={3} />
      <JsonField label="Body (JSON)" value={request.body} onChange={(v) => set({ body: v }, 'body')} />
      <ListField
        label="Expected statuses (comma separated)"
        placeholder="any 2xx"
        value={request.expectStatus}
        onChange={(v) => set({ expectStatus: v?.map(Number) }, 'expectStatus')}
      />
    </>
  )
}
