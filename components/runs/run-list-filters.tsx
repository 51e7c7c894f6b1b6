'use client'
// Status and workflow filters for /runs; a GET form, so the filters live in the query string.
// The parent keys it by the current filters, so the selects restart from the URL after navigating.
import Form from 'next/form'
import Link from 'next/link'
import { useState } from 'react'
import { EXECUTION_STATUSES } from '@/server/engine/run/run-status'
import styles from './runs.module.css'

export function RunListFilters(props: {
  status: string | undefined
  workflowId: string | undefined
  workflows: { id: string; name: string }[]
}) {
  // Controlled, so the selected workflow stays selected when the workflow names arrive later.
  const [status, setStatus] = useState(props.status ?? '')
  const [workflowId, setWorkflowId] = useState(props.workflowId ?? '')
  const isListed = workflowId === '' || props.workflows.some((w) => w.id === workflowId)
  return (
    <Form action="/runs" className={styles.filters} aria-label="Filter runs">
      <label>
        Status{' '}
        <select name="status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">Any</option>
          {EXECUTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.replace('_', ' ')}
            </option>
          ))}
        </select>
      </label>
      <label>
        Workflow{' '}
        <select name="workflowId" value={workflowId} onChange={(e) => setWorkflowId(e.target.value)}>
          <option value="">Any</option>
          {isListed ? null : <option value={workflowId}>{workflowId}</option>}
          {props.workflows.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Filter</button>
      {props.status || props.workflowId ? <Link href="/runs">Clear filters</Link> : null}
    </Form>
  )
}
