'use client'
// The audit log's filter fields: action (or prefix), outcome and actor.
import type { AuditFilters, AuditOutcome } from './audit-log-query'
import styles from './settings.module.css'

export function AuditLogFilters({
  filters,
  onFilter,
}: {
  filters: AuditFilters
  onFilter: (patch: Partial<AuditFilters>) => void
}) {
  return (
    <form
      className={`card ${styles.inline}`}
      aria-label="Filter the audit log"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className={`form-row ${styles.grow}`}>
        <label htmlFor="audit-action">Action (e.g. runs.start or workflows.*)</label>
        <input
          id="audit-action"
          value={filters.action}
          onChange={(e) => onFilter({ action: e.target.value })}
        />
      </div>
      <div className="form-row">
        <label htmlFor="audit-outcome">Outcome</label>
        <select
          id="audit-outcome"
          value={filters.outcome}
          onChange={(e) => onFilter({ outcome: e.target.value as AuditOutcome | '' })}
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
          value={filters.actorId}
          onChange={(e) => onFilter({ actorId: e.target.value })}
        />
      </div>
    </form>
  )
}
