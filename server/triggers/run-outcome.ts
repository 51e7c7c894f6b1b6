// Waiting for a run to end, for callers that asked to (webhook `?wait=N`): polls the run's status
// until it is terminal, the time is up, or the caller goes away.
import { and, eq } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { executions, stepExecutions } from '@/db/schema'
import { isTerminalExecutionStatus, type ExecutionStatus } from '@/server/engine/run/run-status'

export type RunOutcome = {
  status: ExecutionStatus
  /** Each succeeded step's output, by step id. */
  output: Record<string, unknown>
  error: unknown
}

/** The run's outcome once it has ended, or its current status (`queued`, `running`) after `timeoutMs`. */
export async function waitForRunOutcome(
  db: Db,
  executionId: string,
  options: { timeoutMs: number; pollMs?: number; signal?: AbortSignal },
): Promise<{ ended: true; outcome: RunOutcome } | { ended: false; status: ExecutionStatus }> {
  const deadline = Date.now() + options.timeoutMs
  const pollMs = options.pollMs ?? 100
  for (;;) {
    const [run] = await db
      .select({ status: executions.status, error: executions.error })
      .from(executions)
      .where(eq(executions.id, executionId))
    if (!run) throw new Error(`run ${executionId} disappeared while being waited for`)
    const status = run.status as ExecutionStatus
    if (isTerminalExecutionStatus(status)) {
      const output = await succeededOutputs(db, executionId)
      return { ended: true, outcome: { status, output, error: run.error ?? null } }
    }
    const left = deadline - Date.now()
    if (left <= 0 || options.signal?.aborted) return { ended: false, status }
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, left)))
  }
}

async function succeededOutputs(db: Db, executionId: string): Promise<Record<string, unknown>> {
  const steps = await db
    .select({ stepId: stepExecutions.stepId, output: stepExecutions.output })
    .from(stepExecutions)
    .where(and(eq(stepExecutions.executionId, executionId), eq(stepExecutions.status, 'succeeded')))
  return Object.fromEntries(steps.map((s) => [s.stepId, s.output]))
}
