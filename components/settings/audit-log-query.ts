// What the audit log page asks for: its filters and the older pages opened, and how each of the
// page's controls changes them. Pure, so the paging rules can be tested without a browser.

export type AuditOutcome = 'success' | 'failure' | 'denied'
export type AuditFilters = { action: string; outcome: AuditOutcome | ''; actorId: string }

export type AuditLogQuery = {
  filters: AuditFilters
  /** The `beforeId` of each older page opened, the one shown last; empty on the newest page. */
  pages: number[]
}

const PAGE_SIZE = 50

export const NEWEST_UNFILTERED: AuditLogQuery = {
  filters: { action: '', outcome: '', actorId: '' },
  pages: [],
}

/** A filter field changed: the newest page of what the filters now select. */
export function withFilters(query: AuditLogQuery, patch: Partial<AuditFilters>): AuditLogQuery {
  return { filters: { ...query.filters, ...patch }, pages: [] }
}

/**
 * An actor picked in the table: the newest page of that actor's events, as when the actor id is
 * typed (keeping an older page's cursor would show only the events older than it).
 */
export function pickActor(query: AuditLogQuery, actorId: string): AuditLogQuery {
  return withFilters(query, { actorId })
}

/** The next older page, which starts before `beforeId`. */
export function olderPage(query: AuditLogQuery, beforeId: number): AuditLogQuery {
  return { ...query, pages: [...query.pages, beforeId] }
}

/** Back one page towards the newest. */
export function newerPage(query: AuditLogQuery): AuditLogQuery {
  return { ...query, pages: query.pages.slice(0, -1) }
}

/** The audit.list input: blank filters left out, the page's cursor. */
export function auditListInput({ filters, pages }: AuditLogQuery) {
  return {
    action: filters.action.trim() || undefined,
    outcome: filters.outcome || undefined,
    actorId: filters.actorId.trim() || undefined,
    beforeId: pages.at(-1),
    limit: PAGE_SIZE,
  }
}
