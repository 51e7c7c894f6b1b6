// The steps that fail most (with their error codes) and the slowest steps by p95, across workflows.
import type { Db } from '@/db/client'
import type { AnalyticsWindow } from '@/server/statistics/analytics/analytics-window'
import { readStepStats, type WorkflowStepStats } from './step-stats'
import { readLatestDefinitions } from './workflow-definitions'

export interface StepReportRow {
  workflowId: string | null
  workflowName: string
  stepId: string
  stepName: string
  runs: number
  failed: number
  failureRate: number
  p50Ms: number | null
  p95Ms: number | null
  p99Ms: number | null
  errorCodes: { code: string; count: number }[]
}

export interface StepReport {
  topFailing: StepReportRow[]
  slowest: StepReportRow[]
}

export async function readStepReport(db: Db, window: AnalyticsWindow, topN = 10): Promise<StepReport> {
  const stats = await readStepStats(db, window)
  const definitions = await readLatestDefinitions(db, stats.map((s) => s.workflowId))
  const named = stats.map((s): StepReportRow => {
    const workflow = s.workflowId ? definitions.get(s.workflowId) : undefined
    const step = workflow?.definition.steps.find((d) => d.id === s.stepId)
    return {
      workflowId: s.workflowId,
      workflowName: workflow?.name ?? 'Deleted workflows',
      stepId: s.stepId,
      stepName: step?.name ?? s.stepId,
      runs: s.runs,
      failed: s.failed,
      failureRate: s.runs > 0 ? s.failed / s.runs : 0,
      p50Ms: s.p50Ms,
      p95Ms: s.p95Ms,
      p99Ms: s.p99Ms,
      errorCodes: s.errorCodes,
    }
  })
  return {
    topFailing: named
      .filter((s) => s.failed > 0)
      .sort((a, b) => b.failed - a.failed || b.failureRate - a.failureRate || byKey(a, b))
      .slice(0, topN),
    slowest: named
      .filter((s) => s.p95Ms !== null)
      .sort((a, b) => (b.p95Ms ?? 0) - (a.p95Ms ?? 0) || byKey(a, b))
      .slice(0, topN),
  }
}

const byKey = (a: Pick<WorkflowStepStats, 'stepId'> & { workflowName: string }, b: typeof a) =>
  a.workflowName.localeCompare(b.workflowName) || a.stepId.localeCompare(b.stepId)
