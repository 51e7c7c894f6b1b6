// Waiting for a run to end, for callers that asked to (webhook `?wait=N`, `runs.wait`): reads the
// run's status, then sleeps until the commit that changes it (run-end-signals) or a slow fallback
// poll, until it is terminal, the time is up, or the caller goes away.
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { WorkflowError } from '@/server/engine/errors'
import { stepExecutions } from '@/db/schema'
import { isTerminalExecutionStatus, type ExecutionStatus } from '@/server/engine/run/run-status'
import type { RunEndSignals } from '@/server/runner/run-end-signals'
import { rows } from '@/server/platform/sql-helpers'

export type RunOutcome = {
  status: ExecutionStatus
  /** Each succeeded step's output, by step id. */
  output: Record<string, unknown>
  error: unknown
}

/** Without run-end signals (a process with no LISTEN connection), how often the status is re-read. */
const POLL_WITHOUT_SIGNALS_MS = 100
/** With them, a missed notification is caught by this slow re-read. */
const FALLBACK_POLL_MS = 2000

/** The run's outcome once it has ended, or its current status (`queued`, `running`) after `timeoutMs`. */
export async function waitForRunOutcome(
  db: Db,
  executionId: string,
  options: { timeoutMs: number; pollMs?: number; signal?: AbortSignal; signals?: RunEndSignals | undefined },
): Promise<{ ended: true; outcome: RunOutcome } | { ended: false; status: ExecutionStatus }> {
  const deadline = Date.now() + options.timeoutMs
  const pollMs = options.pollMs ?? (options.signals ? FALLBACK_POLL_MS : POLL_WITHOUT_SIGNALS_MS)
  const watch = options.signals?.watch(executionId)
  try {
    for (;;) {
      const found = await readOutcome(db, executionId)
      if (found.ended) return found
      const left = deadline - Date.now()
      if (left <= 0 || options.signal?.aborted) return found
      if (watch) await watch.next(Math.min(pollMs, left), options.signal)
      else await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, left)))
    }
  } finally {
    watch?.close()
  }
}

/** One round trip: the run's status, and once it has ended its succeeded steps' outputs by step id. */
async function readOutcome(
  db: Db,
  executionId: string,
): Promise<{ ended: true; outcome: RunOutcome } | { ended: false; status: ExecutionStatus }> {
  const [run] = await rows<{
    status: ExecutionStatus
    error: unknown
    output: Record<string, unknown> | null
  }>(
    db,
    sql`SELECT x.status, x.error,
          CASE WHEN x.status IN ('succeeded', 'failed', 'cancelled', 'timed_out') THEN (
            SELECT COALESCE(jsonb_object_agg(s.step_id, s.output), '{}'::jsonb) FROM step_executions s
            WHERE s.execution_id = x.id AND s.status = 'succeeded'
          ) END AS output
        FROM executions x WHERE x.id = ${executionId}`,
  )
  if (!run) throw new WorkflowError('not_found', `Run ${executionId} does not exist.`)
  if (!isTerminalExecutionStatus(run.status)) return { ended: false, status: run.status }
  const output = run.output ?? (await succeededOutputs(db, executionId))
  return { ended: true, outcome: { status: run.status, output, error: run.error ?? null } }
}

async function succeededOutputs(db: Db, executionId: string): Promise<Record<string, unknown>> {
  const steps = await db
    .select({ stepId: stepExecutions.stepId, output: stepExecutions.output })
    .from(stepExecutions)
    .where(and(eq(stepExecutions.executionId, executionId), eq(stepExecutions.status, 'succeeded')))
  return Object.fromEntries(steps.map((s) => [s.stepId, s.output]))
}
