'use client'
// Adding or editing a cron schedule: the expression, its time zone and the run inputs (the Run
// form's own fields), with a live preview of what it means and when it fires next.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useId, useMemo, useState, type FormEvent } from 'react'
import { useTRPC } from '@/components/trpc-provider'
import { ApiError } from '@/components/ui/api-error'
import {
  collectValues,
  fieldErrorsFromIssues,
  formatValue,
  type FieldErrors,
  type ValueSpec,
} from '@/components/ui/typed-value'
import { ValueFields } from '@/components/ui/typed-value-fields'
import { previewSchedule } from './cron-text'
import { FireTimes } from './fire-times'
import styles from './triggers.module.css'

export type ScheduleDraft = { id?: string; cron: string; timezone: string; inputs: Record<string, unknown> }

function browserTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

export function newScheduleDraft(): ScheduleDraft {
  return { cron: '0 9 * * 1-5', timezone: browserTimezone(), inputs: {} }
}

/**
 * Creates or updates the schedule; `serverErrors` sorts the refusal's issues into run-input fields
 * and the rest.
 */
function useSaveSchedule(workflowId: string, specs: readonly ValueSpec[], onSaved: () => void) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.triggers.schedules.pathKey() })
    onSaved()
  }
  const create = useMutation(trpc.triggers.schedules.create.mutationOptions({ onSuccess }))
  const update = useMutation(trpc.triggers.schedules.update.mutationOptions({ onSuccess }))
  const save = (draft: ScheduleDraft) =>
    draft.id
      ? update.mutate({ id: draft.id, cron: draft.cron, timezone: draft.timezone, inputs: draft.inputs })
      : create.mutate({ workflowId, cron: draft.cron, timezone: draft.timezone, inputs: draft.inputs })
  const error = create.error ?? update.error
  const serverErrors = fieldErrorsFromIssues(
    error?.data?.issues,
    'inputs',
    specs.map((s) => s.name),
  )
  return { save, error, serverErrors, pending: create.isPending || update.isPending }
}

export function ScheduleForm({
  workflowId,
  specs,
  initial,
  onDone,
}: {
  workflowId: string
  specs: readonly ValueSpec[]
  initial: ScheduleDraft
  onDone: () => void
}) {
  const id = useId()
  const [cron, setCron] = useState(initial.cron)
  const [timezone, setTimezone] = useState(initial.timezone)
  const inputs = useRunInputs(specs, initial.inputs)
  const preview = useMemo(() => previewSchedule({ cron, timezone }, new Date()), [cron, timezone])
  const { save, error, serverErrors, pending } = useSaveSchedule(workflowId, specs, onDone)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const values = inputs.collect()
    if (values) save({ id: initial.id, cron: cron.trim(), timezone: timezone.trim(), inputs: values })
  }
  return (
    <form
      className={styles.form}
      aria-label={initial.id ? 'Edit schedule' : 'New schedule'}
      onSubmit={submit}
      noValidate
    >
      {/* Errors on run inputs show beside their fields; the rest, or an error without issues, here. */}
      {error && (serverErrors.rest.length > 0 || !error.data?.issues?.length) ? (
        <ApiError title="Not saved" error={{ message: error.message, data: { issues: serverErrors.rest } }} />
      ) : null}
      <CronFields id={id} cron={cron} onCron={setCron} timezone={timezone} onTimezone={setTimezone} />
      <FireTimes preview={preview} timezone={timezone.trim()} />
      <fieldset>
        <legend>Run inputs</legend>
        <ValueFields
          idPrefix={`${id}-input`}
          specs={specs}
          texts={inputs.texts}
          errors={{ ...serverErrors.fields, ...inputs.typedErrors }}
          onChange={inputs.setText}
          empty="This workflow takes no inputs."
        />
      </fieldset>
      <div className={styles.row}>
        <button type="submit" className="primary" disabled={pending || !preview.ok}>
          {pending ? 'Saving…' : initial.id ? 'Save schedule' : 'Add schedule'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}

/** The run inputs as the fields' texts, and their values once every text parses. */
function useRunInputs(specs: readonly ValueSpec[], initial: Record<string, unknown>) {
  const [texts, setTexts] = useState(() =>
    Object.fromEntries(specs.map((s) => [s.name, formatValue(s, initial[s.name] ?? s.default)])),
  )
  const [typedErrors, setTypedErrors] = useState<FieldErrors>({})
  return {
    texts,
    typedErrors,
    setText: (name: string, text: string) => setTexts((all) => ({ ...all, [name]: text })),
    /** The typed values, or null when a field does not parse (its error is then shown beside it). */
    collect(): Record<string, unknown> | null {
      const { values, errors } = collectValues(specs, texts)
      setTypedErrors(errors)
      return Object.keys(errors).length === 0 ? values : null
    },
  }
}

/** The cron expression with a reminder of its fields, and the time zone picked from the known zones. */
function CronFields(props: {
  id: string
  cron: string
  onCron: (cron: string) => void
  timezone: string
  onTimezone: (timezone: string) => void
}) {
  const { id } = props
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), [])
  return (
    <>
      <label htmlFor={`${id}-cron`}>Cron expression</label>
      <input
        id={`${id}-cron`}
        className="mono"
        value={props.cron}
        onChange={(e) => props.onCron(e.target.value)}
      />
      <span className="muted">minute hour day-of-month month day-of-week, or @hourly, @daily, @weekly…</span>
      <label htmlFor={`${id}-tz`}>Time zone</label>
      <input
        id={`${id}-tz`}
        list={`${id}-zones`}
        value={props.timezone}
        onChange={(e) => props.onTimezone(e.target.value)}
      />
      <datalist id={`${id}-zones`}>
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </>
  )
}
