// Alert rules and their history in PostgreSQL: built-ins seeded once, user rules created, edited
// and deleted (built-ins can be edited or disabled, not deleted), events listed newest first.
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { alertEvents, alertRules } from '@/db/schema'
import { WorkflowError } from '@/server/engine/errors'
import { BUILTIN_ALERT_RULES, type TAlertRuleFields } from '@/server/statistics/monitoring/alert-rules'
import type { AlertMetric } from '@/server/statistics/monitoring/alert-metrics'
import type { AlertComparator } from '@/server/statistics/monitoring/alert-rules'
import type { AlertState } from '@/server/statistics/monitoring/alert-state'

export type AlertRuleRow = typeof alertRules.$inferSelect
export type AlertEventRow = typeof alertEvents.$inferSelect

export interface AlertRuleView extends TAlertRuleFields {
  id: string
  builtinKey: string | null
  metric: AlertMetric
  comparator: AlertComparator
  state: AlertState
  stateSince: Date | null
  lastValue: number | null
  lastEvaluatedAt: Date | null
  createdAt: Date
  updatedAt: Date
}

export function toRuleView(row: AlertRuleRow): AlertRuleView {
  return {
    ...row,
    metric: row.metric as AlertMetric,
    comparator: row.comparator as AlertComparator,
    state: row.state as AlertState,
  }
}

/** Inserts the built-in rules that are missing; edits people made to existing ones are kept. */
export async function seedBuiltinAlertRules(db: Db, now: Date): Promise<number> {
  const inserted = await db
    .insert(alertRules)
    .values(BUILTIN_ALERT_RULES.map((r) => ({ ...r, createdAt: now, updatedAt: now })))
    .onConflictDoNothing({ target: alertRules.builtinKey })
    .returning({ id: alertRules.id })
  return inserted.length
}

export async function listAlertRules(db: Db): Promise<AlertRuleView[]> {
  const found = await db
    .select()
    .from(alertRules)
    .orderBy(sql`${alertRules.builtinKey} IS NULL`, alertRules.createdAt)
  return found.map(toRuleView)
}

export async function createAlertRule(db: Db, now: Date, fields: TAlertRuleFields): Promise<AlertRuleView> {
  const [row] = await db
    .insert(alertRules)
    .values({ ...fields, createdAt: now, updatedAt: now })
    .returning()
  return toRuleView(row as AlertRuleRow)
}

/** Replaces a rule's fields. */
export async function updateAlertRule(
  db: Db,
  now: Date,
  id: string,
  fields: TAlertRuleFields,
): Promise<AlertRuleView> {
  const current = await requireRule(db, id)
  const conditionChanged =
    current.metric !== fields.metric ||
    current.comparator !== fields.comparator ||
    current.threshold !== fields.threshold
  // A disabled rule stops alerting at once; a pending one with a new condition starts over.
  const restart = !fields.enabled || (conditionChanged && current.state === 'pending')
  const reset = restart ? { state: 'inactive', stateSince: now } : {}
  const [row] = await db
    .update(alertRules)
    .set({ ...fields, ...reset, updatedAt: now })
    .where(eq(alertRules.id, id))
    .returning()
  return toRuleView(row as AlertRuleRow)
}

export async function deleteAlertRule(db: Db, id: string): Promise<void> {
  const current = await requireRule(db, id)
  if (current.builtinKey)
    throw new WorkflowError(
      'conflict',
      `"${current.name}" is built in and cannot be deleted; disable it instead.`,
    )
  await db.delete(alertRules).where(eq(alertRules.id, id))
}

async function requireRule(db: Db, id: string): Promise<AlertRuleRow> {
  const [row] = await db.select().from(alertRules).where(eq(alertRules.id, id))
  if (!row) throw new WorkflowError('not_found', `Alert rule ${id} does not exist.`)
  return row
}

export interface AlertHistoryItem {
  id: number
  ruleId: string
  ruleName: string
  metric: AlertMetric
  state: 'pending' | 'firing' | 'resolved'
  value: number | null
  threshold: number
  message: string
  createdAt: Date
  notifyStatus: string
  notifyError: string | null
}

export async function listAlertHistory(
  db: Db,
  options: { ruleId?: string; beforeId?: number; limit: number },
): Promise<AlertHistoryItem[]> {
  const conditions = [
    options.ruleId ? eq(alertEvents.ruleId, options.ruleId) : undefined,
    options.beforeId ? lt(alertEvents.id, options.beforeId) : undefined,
  ].filter((c) => c !== undefined)
  const found = await db
    .select({ event: alertEvents, ruleName: alertRules.name, metric: alertRules.metric })
    .from(alertEvents)
    .innerJoin(alertRules, eq(alertRules.id, alertEvents.ruleId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(alertEvents.id))
    .limit(options.limit)
  return found.map(({ event, ruleName, metric }) => ({
    id: event.id,
    ruleId: event.ruleId,
    ruleName,
    metric: metric as AlertMetric,
    state: event.state as AlertHistoryItem['state'],
    value: event.value,
    threshold: event.threshold,
    message: event.message,
    createdAt: event.createdAt,
    notifyStatus: event.notifyStatus,
    notifyError: event.notifyError,
  }))
}

/** Rules pending or firing now: what the bell shows. */
export async function listActiveAlerts(db: Db): Promise<AlertRuleView[]> {
  const found = await db
    .select()
    .from(alertRules)
    .where(and(eq(alertRules.enabled, true), inArray(alertRules.state, ['pending', 'firing'])))
    .orderBy(desc(alertRules.stateSince))
  return found.map(toRuleView)
}
