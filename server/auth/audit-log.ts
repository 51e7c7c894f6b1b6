// The audit log: who did what, to which target, when and from where. The app only appends
// (a database trigger refuses updates and deletes); listing is for admins.
import { and, desc, eq, gte, like, lt, lte, sql, type SQL } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { auditEvents } from '@/db/schema'
import { actorLabel, type Actor } from './actor'

export type AuditOutcome = 'success' | 'failure' | 'denied'

export interface AuditEntry {
  actor: Actor | undefined
  action: string
  outcome: AuditOutcome
  targetId?: string | undefined
  ip?: string | undefined
  details?: Record<string, unknown>
  /** For events about an account nobody is signed into yet (failed logins): who was named. */
  subject?: string
}

function actorColumns(actor: Actor | undefined): { actorType: string; actorId: string | null } {
  if (!actor) return { actorType: 'anonymous', actorId: null }
  if (actor.kind === 'user') return { actorType: 'user', actorId: actor.userId }
  if (actor.kind === 'token') return { actorType: 'token', actorId: actor.tokenId }
  return { actorType: 'system', actorId: null }
}

/** Refusals of one caller for one reason within this window share one row with a count. */
export const AUDIT_COLLAPSE_WINDOW_MS = 60_000

/**
 * `<window>|denied|<caller>|<reason>` for a refusal, so a flood of them is one row; null for
 * everything else (each success and failure keeps its own row). The caller is the actor, or for
 * anonymous callers the address (and the account named, for sign-ins).
 */
export function collapseKeyOf(entry: AuditEntry, at: Date): string | null {
  if (entry.outcome !== 'denied') return null
  const { actorType, actorId } = actorColumns(entry.actor)
  const caller = actorId ?? `${entry.ip ?? 'unknown'}${entry.subject ? ` ${entry.subject.toLowerCase()}` : ''}`
  const details = entry.details ?? {}
  const reason = [details.error, details.reason].find((r) => typeof r === 'string') ?? 'denied'
  const window = Math.floor(at.getTime() / AUDIT_COLLAPSE_WINDOW_MS)
  return `${window}|denied|${actorType}:${caller}|${reason}`
}

export async function recordAudit(
  deps: { db: Db; clock: { now: () => Date } },
  entry: AuditEntry,
): Promise<void> {
  const at = deps.clock.now()
  await deps.db
    .insert(auditEvents)
    .values({
      at,
      ...actorColumns(entry.actor),
      actorLabel: entry.actor ? actorLabel(entry.actor) : (entry.subject ?? null),
      action: entry.action,
      outcome: entry.outcome,
      targetId: entry.targetId ?? null,
      ip: entry.ip ?? null,
      details: entry.details ?? {},
      collapseKey: collapseKeyOf(entry, at),
    })
    // The table is append-only; its trigger lets exactly this change through (db/migrations/0009).
    .onConflictDoUpdate({
      target: auditEvents.collapseKey,
      set: { repeatCount: sql`${auditEvents.repeatCount} + 1`, lastAt: at },
    })
}

export interface AuditFilter {
  action?: string
  actorId?: string
  outcome?: AuditOutcome
  targetId?: string
  from?: Date
  to?: Date
  /** Rows with id below this (the previous page's last id). */
  beforeId?: number
  limit: number
}

export type AuditRow = typeof auditEvents.$inferSelect

/** Newest first; `action` matches a prefix when it ends in `*` (e.g. `workflows.*`). */
export async function listAuditEvents(
  db: Db,
  filter: AuditFilter,
): Promise<{ events: AuditRow[]; nextBeforeId: number | null }> {
  const where: SQL[] = []
  if (filter.action) {
    where.push(
      filter.action.endsWith('*')
        ? like(auditEvents.action, `${filter.action.slice(0, -1).replace(/[\\%_]/g, '\\$&')}%`)
        : eq(auditEvents.action, filter.action),
    )
  }
  if (filter.actorId) where.push(eq(auditEvents.actorId, filter.actorId))
  if (filter.outcome) where.push(eq(auditEvents.outcome, filter.outcome))
  if (filter.targetId) where.push(eq(auditEvents.targetId, filter.targetId))
  if (filter.from) where.push(gte(auditEvents.at, filter.from))
  if (filter.to) where.push(lte(auditEvents.at, filter.to))
  if (filter.beforeId !== undefined) where.push(lt(auditEvents.id, filter.beforeId))
  const events = await db
    .select()
    .from(auditEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(filter.limit + 1)
  const more = events.length > filter.limit
  const page = more ? events.slice(0, filter.limit) : events
  return { events: page, nextBeforeId: more ? (page.at(-1)?.id ?? null) : null }
}
