// The workflow report behind `relayflow analyze` and monitoring.analyzeWorkflow: per-step duration
// percentiles, failure rates and error codes, retries, the slowest steps, anomalies and suggestions.
import { and, desc, eq } from 'drizzle-orm'
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/client'
import { workflowVersions, workflows } from '@/db/schema'
import { WorkflowError } from '@/server/engine/errors'
import type { Anomaly } from '@/server/statistics/anomaly/anomaly-types'
import {
  suggestOptimizations,
  type StepStats,
  type Suggestion,
  type SuggestionStep,
} from '@/server/statistics/monitoring/workflow-suggestions'
import { rows, timestamp } from '@/server/platform/sql-helpers'
import { findAnomalies } from './find-anomalies'

export interface WorkflowAnalysis {
  workflowId: string
  workflowName: string
  version: number
  from: Date
  to: Date
  runs: { total: number; byStatus: Record<string, number> }
  steps: (StepStats & { name: string; type: string; failureRate: number | null })[]
  slowestSteps: string[]
  anomalies: Anomaly[]
  suggestions: Suggestion[]
}

export async function analyzeWorkflow(
  db: Db,
  now: Date,
  input: { workflowId: string; rangeHours: number },
): Promise<WorkflowAnalysis> {
  const [workflow] = await db.select().from(workflows).where(eq(workflows.id, input.workflowId))
  if (!workflow) throw new WorkflowError('not_found', `Workflow ${input.workflowId} does not exist.`)
  const [latest] = await db
    .select()
    .from(workflowVersions)
    .where(
      and(eq(workflowVersions.workflowId, workflow.id), eq(workflowVersions.version, workflow.latestVersion)),
    )
    .orderBy(desc(workflowVersions.version))
  const definition = (latest?.definition ?? { steps: [] }) as {
    steps: SuggestionStep[]
    retryPolicy?: { maxAttempts?: number }
  }
  const from = new Date(now.getTime() - input.rangeHours * 3_600_000)

  const [runCounts, stepRows] = await Promise.all([
    readRunCounts(db, workflow.id, from, now),
    readStepStats(db, workflow.id, from, now),
  ])
  const stats = new Map(stepRows.map((s) => [s.stepId, s]))
  const stepsById = new Map(definition.steps.map((s) => [s.id, s]))
  const steps = [...stats.values()].map((s) => ({
    ...s,
    name: stepsById.get(s.stepId)?.name ?? s.stepId,
    type: stepsById.get(s.stepId)?.type ?? 'unknown',
    failureRate: s.runs > 0 ? s.failed / s.runs : null,
  }))
  const anomalies = await findAnomalies(db, now, {
    workflowId: workflow.id,
    lookbackHours: Math.max(input.rangeHours, 1),
    recentMinutes: Math.min(60, input.rangeHours * 60),
  })
  return {
    workflowId: workflow.id,
    workflowName: workflow.name,
    version: workflow.latestVersion,
    from,
    to: now,
    runs: { total: Object.values(runCounts).reduce((a, b) => a + b, 0), byStatus: runCounts },
    steps,
    slowestSteps: [...steps]
      .filter((s) => s.p95Ms !== null)
      .sort((a, b) => (b.p95Ms ?? 0) - (a.p95Ms ?? 0))
      .slice(0, 5)
      .map((s) => s.stepId),
    anomalies,
    suggestions: suggestOptimizations(definition, stats),
  }
}

async function readRunCounts(
  db: Db,
  workflowId: string,
  from: Date,
  to: Date,
): Promise<Record<string, number>> {
  const found = await rows<{ status: string; n: number }>(
    db,
    sql`SELECT status, count(*)::int AS n FROM executions
        WHERE workflow_id = ${workflowId} AND created_at > ${timestamp(from)} AND created_at <= ${timestamp(to)} AND kind = 'run'
        GROUP BY status`,
  )
  return Object.fromEntries(found.map((r) => [r.status, r.n]))
}

/** One aggregate over the workflow's runs in range (executions_workflow_created_idx). */
async function readStepStats(db: Db, workflowId: string, from: Date, to: Date): Promise<StepStats[]> {
  const found = await rows<{
    step_id: string
    runs: number
    failed: number
    p50: number | null
    p95: number | null
    p99: number | null
    retried: number
    second: number
    codes: { code: string; count: number }[] | null
  }>(
    db,
    sql`WITH s AS (
          SELECT s.step_id, s.status, s.attempt, s.error->>'code' AS code,
                 (extract(epoch FROM s.finished_at - s.started_at) * 1000)::float8 AS duration_ms
          FROM executions e JOIN step_executions s ON s.execution_id = e.id
          WHERE e.workflow_id = ${workflowId} AND e.created_at > ${timestamp(from)} AND e.created_at <= ${timestamp(to)}
            AND e.kind = 'run' AND s.status IN ('succeeded', 'failed')
        ),
        codes AS (
          SELECT step_id, json_agg(json_build_object('code', code, 'count', n) ORDER BY n DESC) AS codes
          FROM (SELECT step_id, code, count(*)::int AS n FROM s WHERE status = 'failed' AND code IS NOT NULL GROUP BY 1, 2) c
          GROUP BY step_id
        )
        SELECT s.step_id, count(*)::int AS runs,
               count(*) FILTER (WHERE s.status = 'failed')::int AS failed,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms)::float8 AS p50,
               percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms)::float8 AS p95,
               percentile_cont(0.99) WITHIN GROUP (ORDER BY duration_ms)::float8 AS p99,
               count(*) FILTER (WHERE s.attempt > 1)::int AS retried,
               count(*) FILTER (WHERE s.attempt = 2 AND s.status = 'succeeded')::int AS second,
               max(codes.codes::text)::json AS codes
        FROM s LEFT JOIN codes ON codes.step_id = s.step_id
        GROUP BY s.step_id
        ORDER BY s.step_id`,
  )
  return found.map((r) => ({
    stepId: r.step_id,
    runs: r.runs,
    failed: r.failed,
    p50Ms: r.p50,
    p95Ms: r.p95,
    p99Ms: r.p99,
    retried: r.retried,
    succeededOnSecondAttempt: r.second,
    errorCodes: r.codes ?? [],
  }))
}
