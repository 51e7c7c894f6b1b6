// Many runs' statuses in one query, so a client watching hundreds of runs polls once, not per run.
import { inArray } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { executions, stepExecutions } from '@/db/schema'
import type { ExecutionStatus, StepStatus } from '@/server/engine/run/run-status'
import { publicProcedure } from '../../trpc'
import { ZGetRunStatusesInput, ZGetRunStatusesOutput } from './get-run-statuses.types'

export async function getRunStatuses(db: Db, input: { ids: string[]; withSteps: boolean }) {
  const rows = await db
    .select({
      id: executions.id,
      status: executions.status,
      startedAt: executions.startedAt,
      finishedAt: executions.finishedAt,
    })
    .from(executions)
    .where(inArray(executions.id, input.ids))
  const byId = new Map(rows.map((r) => [r.id, { ...r, status: r.status as ExecutionStatus }]))
  const steps = input.withSteps ? await stepTimings(db, [...byId.keys()]) : undefined
  return {
    runs: input.ids.flatMap((id) => {
      const run = byId.get(id)
      if (!run) return []
      return [steps ? { ...run, steps: steps.get(id) ?? [] } : run]
    }),
  }
}

async function stepTimings(db: Db, ids: string[]) {
  const out = new Map<
    string,
    { stepId: string; status: StepStatus; attempt: number; startedAt: Date | null; finishedAt: Date | null }[]
  >()
  if (ids.length === 0) return out
  const rows = await db
    .select({
      executionId: stepExecutions.executionId,
      stepId: stepExecutions.stepId,
      status: stepExecutions.status,
      attempt: stepExecutions.attempt,
      startedAt: stepExecutions.startedAt,
      finishedAt: stepExecutions.finishedAt,
    })
    .from(stepExecutions)
    .where(inArray(stepExecutions.executionId, ids))
  for (const { executionId, ...step } of rows) {
    const list = out.get(executionId) ?? []
    list.push({ ...step, status: step.status as StepStatus })
    out.set(executionId, list)
  }
  return out
}

export const getRunStatusesProcedure = publicProcedure
  .input(ZGetRunStatusesInput)
  .output(ZGetRunStatusesOutput)
  .query(({ ctx, input }) => getRunStatuses(ctx.db, input))
