'use client'
// Filters for /runs: status, workflow, trigger and a day range, and a switch that shows test runs.
// They live in the query string; submitting drops empty fields and the page cursor, so links stay
// short and start at the newest. The switch applies at once, with the fields as they stand.
// The parent keys it by the current filters, so the fields restart from the URL after navigating.
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { EXECUTION_STATUSES } from '@/server/engine/run/run-status'
import { isFiltering, runListHref, type RunListFilters as Filters } from './run-list-query'
import styles from './runs.module.css'

const TRIGGERS = ['manual', 'webhook', 'schedule', 'rerun', 'workflow']

const STATUS_OPTIONS = EXECUTION_STATUSES.map((s) => ({ value: s, label: s.replace('_', ' ') }))
const TRIGGER_OPTIONS = TRIGGERS.map((t) => ({ value: t, label: t }))

/** A labelled select with "Any" first; `keepUnlisted` adds `value` as an option when no option has it. */
function FilterSelect(props: {
  label: string
  name: string
  value: string
  onChange: (e: { target: { value: string } }) => void
  options: { value: string; label: string }[]
  keepUnlisted?: boolean
}) {
  const isListed = !props.keepUnlisted || props.value === '' || props.options.some((o) => o.value === props.value)
  return (
    <label>
      {props.label}{' '}
      <select name={props.name} value={props.value} onChange={props.onChange}>
        <option value="">Any</option>
        {isListed ? null : <option value={props.value}>{props.value}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  )
}

function draftOf(filters: Filters): Record<keyof Filters, string> {
  return {
    status: filters.status ?? '',
    workflowId: filters.workflowId ?? '',
    trigger: filters.trigger ?? '',
    // No field of its own (it comes from analytics' device leaderboard); kept while filtering.
    deviceId: filters.deviceId ?? '',
    from: filters.from ?? '',
    to: filters.to ?? '',
    tests: filters.tests ?? '',
  }
}

function ShowTestRunsSwitch({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label>
      <input type="checkbox" name="tests" checked={checked} onChange={(e) => onChange(e.target.checked)} />{' '}
      Show test runs
    </label>
  )
}

export function RunListFilters(props: {
  filters: Filters
  workflows: { id: string; name: string }[]
  /** Where the list lives: /runs, or a workflow's own runs page (which hides the workflow filter). */
  basePath?: string
  hideWorkflow?: boolean
}) {
  const basePath = props.basePath ?? '/runs'
  const router = useRouter()
  // Controlled, so the selected workflow stays selected when the workflow names arrive later.
  const [draft, setDraft] = useState(() => draftOf(props.filters))
  const set = (key: keyof Filters) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: e.target.value })
  const apply = (filters: typeof draft) =>
    router.push(runListHref({ ...filters, ...(props.hideWorkflow ? { workflowId: '' } : {}) } as Filters, basePath))
  const showTests = (checked: boolean) => {
    const next = { ...draft, tests: checked ? '1' : '' }
    setDraft(next)
    apply(next)
  }
  const workflowOptions = props.workflows.map((w) => ({ value: w.id, label: w.name }))
  return (
    <form
      className={styles.filters}
      aria-label="Filter runs"
      onSubmit={(e) => {
        e.preventDefault()
        apply(draft)
      }}
    >
      <FilterSelect label="Status" name="status" value={draft.status} onChange={set('status')} options={STATUS_OPTIONS} />
      {props.hideWorkflow ? null : (
        <FilterSelect label="Workflow" name="workflowId" value={draft.workflowId} onChange={set('workflowId')} options={workflowOptions} keepUnlisted />
      )}
      <FilterSelect label="Trigger" name="trigger" value={draft.trigger} onChange={set('trigger')} options={TRIGGER_OPTIONS} />
      <label>
        From <input type="date" name="from" value={draft.from} onChange={set('from')} />
      </label>
      <label>
        To <input type="date" name="to" value={draft.to} onChange={set('to')} />
      </label>
      <button type="submit">Filter</button>
      <ShowTestRunsSwitch checked={draft.tests === '1'} onChange={showTests} />
      {props.filters.deviceId ? (
        <span className="badge" aria-label="Device filter">
          device {props.filters.deviceId}
        </span>
      ) : null}
      {isFiltering(props.filters, props.hideWorkflow) ? (
        <Link href={runListHref({ tests: props.filters.tests }, basePath)}>Clear filters</Link>
      ) : null}
    </form>
  )
}
