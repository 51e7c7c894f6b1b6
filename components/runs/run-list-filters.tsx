'use client'
// Filters for /runs: status, workflow, trigger and a day range. They live in the query string;
// submitting drops empty fields and the page cursor, so links stay short and start at the newest.
// The parent keys it by the current filters, so the fields restart from the URL after navigating.
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { EXECUTION_STATUSES } from '@/server/engine/run/run-status'
import { runListHref, type RunListFilters as Filters } from './run-list-query'
import styles from './runs.module.css'

const TRIGGERS = ['manual', 'webhook', 'schedule', 'rerun', 'workflow']

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
  const [draft, setDraft] = useState<Record<keyof Filters, string>>({
    status: props.filters.status ?? '',
    workflowId: props.filters.workflowId ?? '',
    trigger: props.filters.trigger ?? '',
    // No field of its own (it comes from analytics' device leaderboard); kept while filtering.
    deviceId: props.filters.deviceId ?? '',
    from: props.filters.from ?? '',
    to: props.filters.to ?? '',
  })
  const set = (key: keyof Filters) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: e.target.value })
  const isListed = draft.workflowId === '' || props.workflows.some((w) => w.id === draft.workflowId)
  const isFiltered = Object.entries(props.filters).some(
    ([key, value]) => value && !(props.hideWorkflow && key === 'workflowId'),
  )
  return (
    <form
      className={styles.filters}
      aria-label="Filter runs"
      onSubmit={(e) => {
        e.preventDefault()
        router.push(
          runListHref({ ...draft, ...(props.hideWorkflow ? { workflowId: '' } : {}) } as Filters, basePath),
        )
      }}
    >
      <label>
        Status{' '}
        <select name="status" value={draft.status} onChange={set('status')}>
          <option value="">Any</option>
          {EXECUTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.replace('_', ' ')}
            </option>
          ))}
        </select>
      </label>
      {props.hideWorkflow ? null : (
        <label>
          Workflow{' '}
          <select name="workflowId" value={draft.workflowId} onChange={set('workflowId')}>
            <option value="">Any</option>
            {isListed ? null : <option value={draft.workflowId}>{draft.workflowId}</option>}
            {props.workflows.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Trigger{' '}
        <select name="trigger" value={draft.trigger} onChange={set('trigger')}>
          <option value="">Any</option>
          {TRIGGERS.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label>
        From <input type="date" name="from" value={draft.from} onChange={set('from')} />
      </label>
      <label>
        To <input type="date" name="to" value={draft.to} onChange={set('to')} />
      </label>
      <button type="submit">Filter</button>
      {props.filters.deviceId ? (
        <span className="badge" aria-label="Device filter">
          device {props.filters.deviceId}
        </span>
      ) : null}
      {isFiltered ? <Link href={basePath}>Clear filters</Link> : null}
    </form>
  )
}
