// Which runs count: a test run (one step tested from the editor) is a real run kept out of
// analytics, monitoring, concurrency limits and the runs list unless asked for.
import { sql, type SQL } from 'drizzle-orm'

export const RUN_KINDS = ['run', 'test'] as const
export type RunKind = (typeof RUN_KINDS)[number]

/** A condition on an executions alias: the run is not a test run. */
export function isRealRun(alias = 'e'): SQL {
  return sql`${sql.raw(alias)}.kind = 'run'`
}

/**
 * A condition on an execution id (a column or a subquery): it is no test run. NULL-safe: a
 * command or step with no run (NULL) counts, where `NOT IN` would have dropped it.
 */
export function isStepOfRealRun(executionIdColumn: SQL = sql.raw('execution_id')): SQL {
  return sql`NOT EXISTS (SELECT 1 FROM executions t WHERE t.id = ${executionIdColumn} AND t.kind = 'test')`
}
