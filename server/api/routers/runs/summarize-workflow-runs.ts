// A workflow's runs at a glance: how many ended in each status, and the newest ones.
import { and, count, eq } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { executions } from '@/db/schema'
import { listRuns } from '@/server/runner/run-list'
import { publicProcedure } from '../../trpc'
import { ZSummarizeWorkflowRunsInput, ZSummarizeWorkflowRunsOutput } from './summarize-workflow-runs.types'

export async function summarizeWorkflowRuns(db: Db, input: { workflowId: string; recent: number }) {
  const rows = await db
    .select({ status: executions.status, n: count() })
    .from(executions)
    .where(and(eq(executions.workflowId, input.workflowId), eq(executions.kind, 'run')))
    .groupBy(executions.status)
  const counts = Object.fromEntries(rows.map((r) => [r.status, r.n]))
  const recent = await listRuns(db, { workflowId: input.workflowId, page: 1, pageSize: input.recent })
  return {
    workflowId: input.workflowId,
    total: rows.reduce((sum, r) => sum + r.n, 0),
    counts,
    recent: recent.items,
    lastRun: recent.items[0] ?? null,
  }
}

export const summarizeWorkflowRunsProcedure = publicProcedure
  .input(ZSummarizeWorkflowRunsInput)
  .output(ZSummarizeWorkflowRunsOutput)
  .query(({ ctx, input }) => summarizeWorkflowRuns(ctx.db, input))
