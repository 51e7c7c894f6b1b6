'use client'
// The audit log for admins: newest first, filtered by action (or prefix), outcome and actor,
// paged backwards by id.
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { z } from 'zod'
import { ApiError } from '@/components/ui/api-error'
import { useTRPC } from '@/components/trpc-provider'
import type { ZAuditEvent } from '@/server/api/routers/audit/list-audit-events.types'
import { AuditLogFilters } from './audit-log-filters'
import {
  auditListInput,
  NEWEST_UNFILTERED,
  newerPage,
  olderPage,
  pickActor,
  withFilters,
  type AuditFilters,
  type AuditLogQuery,
} from './audit-log-query'

type AuditEvent = z.infer<typeof ZAuditEvent>

/** The filters and the page of events they select, and the moves of the page's controls. */
function useAuditLog() {
  const trpc = useTRPC()
  const [query, setQuery] = useState<AuditLogQuery>(NEWEST_UNFILTERED)
  const events = useQuery({
    ...trpc.audit.list.queryOptions(auditListInput(query)),
    placeholderData: keepPreviousData,
  })
  const nextBeforeId = events.data?.nextBeforeId
  return {
    filters: query.filters,
    events,
    changeFilters: (patch: Partial<AuditFilters>) => setQuery((q) => withFilters(q, patch)),
    showActor: (actorId: string) => setQuery((q) => pickActor(q, actorId)),
    goNewer: query.pages.length > 0 ? () => setQuery(newerPage) : undefined,
    goOlder: nextBeforeId ? () => setQuery((q) => olderPage(q, nextBeforeId)) : undefined,
  }
}

function AuditEventRow({ event: e, onActor }: { event: AuditEvent; onActor: (actorId: string) => void }) {
  return (
    <tr>
      <td>{e.at.toLocaleString()}</td>
      <td>
        <button
          type="button"
          className="link"
          title="Show only this actor"
          onClick={() => e.actorId && onActor(e.actorId)}
        >
          {e.actorLabel ?? e.actorType}
        </button>
      </td>
      <td className="mono">{e.action}</td>
      <td>
        {e.outcome === 'success' ? e.outcome : <span className="badge badge-error">{e.outcome}</span>}
        {e.repeatCount > 1 && (
          <span
            title={`Refused ${e.repeatCount} times within a minute, the last at ${e.lastAt?.toLocaleString() ?? ''}`}
          >
            {' '}
            ×{e.repeatCount}
          </span>
        )}
      </td>
      <td className="mono">{e.targetId}</td>
      <td>{e.ip}</td>
      <td className="mono">{JSON.stringify(e.details)}</td>
    </tr>
  )
}

export function AuditLogView() {
  const { filters, events, changeFilters, showActor, goNewer, goOlder } = useAuditLog()
  return (
    <>
      <h1>Audit log</h1>
      <AuditLogFilters filters={filters} onFilter={changeFilters} />
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
            <AuditEventRow key={e.id} event={e} onActor={showActor} />
          ))}
        </tbody>
      </table>
      <div className="toolbar">
        <button type="button" disabled={!goNewer} onClick={goNewer}>
          Newer
        </button>
        <button type="button" disabled={!goOlder} onClick={goOlder}>
          Older
        </button>
      </div>
    </>
  )
}
