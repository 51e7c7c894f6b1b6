// Keeps the planner's statistics of the queue tables fresh where PostgreSQL runs without autovacuum
// (this project's CI and dev machines do). Without statistics, a generic plan that postgres.js
// cached while a table was small (a sequential scan) stays for the connection's life and reads the
// whole table on every call as it grows; ANALYZE invalidates such plans. The rule is autoanalyze's:
// a table is analyzed once the rows changed since its last analyze exceed a base plus a fraction.
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { rows, textArray } from '@/server/platform/sql-helpers'

/** The tables every run writes to; their plans are on the hot path. */
const QUEUE_TABLES = [
  'executions',
  'step_executions',
  'execution_events',
  'device_commands',
  'devices',
] as const
const BASE_CHANGES = 500
const CHANGED_FRACTION = 0.2
/** Any constant shared by all Relayflow processes: one of them analyzes at a time. */
const ANALYZE_LOCK_KEY = 7_245_017

/** Analyzes the queue tables that changed enough since their last analyze, when autovacuum is off. */
export async function analyzeChangedQueueTables(db: Db): Promise<string[]> {
  return db.transaction(async (tx) => {
    const [lock] = await rows<{ locked: boolean }>(
      tx,
      sql`SELECT pg_try_advisory_xact_lock(${ANALYZE_LOCK_KEY}) AS locked`,
    )
    if (!lock?.locked) return []
    const stale = await rows<{ relname: string }>(
      tx,
      sql`SELECT relname FROM pg_stat_user_tables
          WHERE schemaname = current_schema() AND relname = ANY(${textArray(QUEUE_TABLES)})
            AND current_setting('autovacuum') = 'off'
            AND n_mod_since_analyze > ${BASE_CHANGES}::int + ${CHANGED_FRACTION}::float8 * GREATEST(n_live_tup, 0)`,
    )
    const names = stale
      .map((r) => r.relname)
      .filter((name) => (QUEUE_TABLES as readonly string[]).includes(name))
    // Names come from the constant list above, never from input.
    for (const name of names) await tx.execute(sql.raw(`ANALYZE ${name}`))
    return names
  })
}
