// Without autovacuum nothing refreshes the planner's statistics of the queue tables; the runner's
// sweep does, once a table has changed enough since its last analyze.
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { connectTestDatabase } from '@/server/testing/test-api'
import { rows } from '@/server/platform/sql-helpers'
import { analyzeChangedQueueTables } from './table-statistics'

const database = connectTestDatabase()
afterAll(() => database.close())

async function lastAnalyzed(table: string): Promise<string | null> {
  const [row] = await rows<{ at: string | null }>(
    database.db,
    sql`SELECT COALESCE(last_analyze, last_autoanalyze)::text AS at FROM pg_stat_user_tables WHERE relname = ${table}`,
  )
  return row?.at ?? null
}

describe('queue table statistics', () => {
  it('analyzes a queue table once it changed by more than the threshold, when autovacuum is off', async () => {
    const [setting] = await rows<{ autovacuum: string }>(
      database.db,
      sql`SELECT current_setting('autovacuum') AS autovacuum`,
    )
    const before = await lastAnalyzed('execution_events')
    const [run] = await rows<{ id: string }>(
      database.db,
      sql`INSERT INTO executions (workflow_version, definition, status, trigger, inputs, created_at)
          VALUES (1, '{}'::jsonb, 'succeeded', 'manual', '{}'::jsonb, now()) RETURNING id`,
    )
    await database.db.execute(sql`
      INSERT INTO execution_events (execution_id, seq, type, payload, created_at)
      SELECT ${run?.id}::uuid, g, 'step.ready', '{}'::jsonb, now() FROM generate_series(1, 5000) g`)
    if (setting?.autovacuum !== 'off') {
      // autoanalyze owns the statistics; the runner stays out of its way.
      expect(await analyzeChangedQueueTables(database.db)).toEqual([])
      return
    }
    // The activity counters reach pg_stat_user_tables within a second or so.
    await expect.poll(async () => analyzeChangedQueueTables(database.db)).toContain('execution_events')
    expect(await lastAnalyzed('execution_events')).not.toBe(before)
    expect(await analyzeChangedQueueTables(database.db)).not.toContain('execution_events')
  })
})
