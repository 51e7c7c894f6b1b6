// Which runs count: a test run (one step tested from the editor) is a real run kept out of
// analytics, monitoring, concurrency limits and the runs list unless asked for.
import { sql, type SQL } from 'drizzle-orm'

export const RUN_KINDS = ['run', 'test'] as const
export type RunKind = (typeof RUN_KINDS)[number]

/** A condition on an executions alias: the run is not a test run. */
export function isRealRun(alias = 'e'): SQL {
  return sql`${sql.raw(alias)}.kind = 'run'`
}

/** A condition on a step_executions column: the step is not part of a test run (executions_test_idx). */
export function isStepOfRealRun(executionIdColumn: SQL = sql.raw('execution_id')): SQL {
  return sql`${executionIdColumn} NOT IN (SELECT id FROM executions WHERE kind = 'test')`
}
