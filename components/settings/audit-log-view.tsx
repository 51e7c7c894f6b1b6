'use client'
// The audit log for admins: newest first, filtered by action (or prefix), outcome and actor,
// paged backwards by id.
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { ApiError } from '@/components/ui/api-error'
import { useTRPC } from '@/components/trpc-provider'
import styles from './settings.module.css'

type Outcome = 'success' | 'failure' | 'denied'

export function AuditLogView() {
  const trpc = useTRPC()
  const [action, setAction] = useState('')
  const [outcome, setOutcome] = useState<Outcome | ''>('')
  const [actorId, setActorId] = useState('')
  const [pages, setPages] = useState<number[]>([])
  const input = {
    action: action.trim() || undefined,
    outcome: outcome || undefined,
    actorId: actorId.trim() || undefined,
    beforeId: pages.at(-1),
    limit: 50,
  }
  const events = useQuery({ ...trpc.audit.list.queryOptions(input), placeholderData: keepPreviousData })
  return (
    <>
      <h1>Audit log</h1>
      <form
        className={`card ${styles.inline}`}
        aria-label="Filter the audit log"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className={`form-row ${styles.grow}`}>
          <label htmlFor="audit-action">Action (e.g. runs.start or workflows.*)</label>
          <input
            id="audit-action"
            value={action}
            onChange={(e) => (setPages([]), setAction(e.target.value))}
          />
        </div>
        <div className="form-row">
          <label htmlFor="audit-outcome">Outcome</label>
          <select
            id="audit-outcome"
            value={outcome}
            onChange={(e) => (setPages([]), setOutcome(e.target.value as Outcome | ''))}
          >
            <option value="">any</option>
            <option>success</option>
            <option>failure</option>
            <option>denied</option>
          </select>
        </div>
        <div className={`form-row ${styles.grow}`}>
          <label htmlFor="audit-actor">Actor id</label>
          <input
            id="audit-actor"
            value={actorId}
            onChange={(e) => (setPages([]), setActorId(e.target.value))}
          />
        </div>
      </form>
      <ApiError error={events.error} />
      <table aria-label="Audit events">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>Action</th>
            <th>Outcome</th>
            <th>Target</th>
            <th>From</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {(events.data?.events ?? []).map((e) => (
            <tr key={e.id}>
              <td>{e.at.toLocaleString()}</td>
              <td>
                <button
                  type="button"
                  className="link"
                  title="Show only this actor"
                  onClick={() => e.actorId && setActorId(e.actorId)}
                >
                  {e.actorLabel ?? e.actorType}
                </button>
              </td>
              <td className="mono">{e.action}</td>
              <td>
                {e.outcome === 'success' ? e.outcome : <span className="badge badge-error">{e.outcome}</span>}
                {e.repeatCount > 1 && (
                  <span title={`Refused ${e.repeatCount} times within a minute, the last at ${e.lastAt?.toLocaleString() ?? ''}`}>
                    {' '}
                    ×{e.repeatCount}
                  </span>
                )}
              </td>
              <td className="mono">{e.targetId}</td>
              <td>{e.ip}</td>
              <td className="mono">{JSON.stringify(e.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="toolbar">
        <button type="button" disabled={pages.length === 0} onClick={() => setPages(pages.slice(0, -1))}>
          Newer
        </button>
        <button
          type="button"
          disabled={!events.data?.nextBeforeId}
          onClick={() => events.data?.nextBeforeId && setPages([...pages, events.data.nextBeforeId])}
        >
          Older
        </button>
      </div>
    </>
  )
}
