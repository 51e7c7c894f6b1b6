// Optimization suggestions derived from the window's data: per workflow (parallelizable sequential
// steps, retries that always succeed on attempt 2, timeouts far above p99, missing retries, one
// dominant step; server/statistics/monitoring/workflow-suggestions.ts) and per device (high failure rates).
import type { Db } from '@/db/client'
import type { AnalyticsWindow } from '@/server/statistics/analytics/analytics-window'
import { suggestForDevices } from '@/server/statistics/analytics/device-suggestions'
import { suggestOptimizations, type Suggestion, type StepStats } from '@/server/statistics/monitoring/workflow-suggestions'
import { readDeviceFailureCounts } from './device-report'
import { readStepStats } from './step-stats'
import { readLatestDefinitions } from './workflow-definitions'

export type AnalyticsSuggestion =
  | (Suggestion & { workflowId: string; workflowName: string })
  | { kind: 'failing_device'; deviceId: string; stepIds: string[]; message: string }

export async function readSuggestions(db: Db, window: AnalyticsWindow): Promise<AnalyticsSuggestion[]> {
  const [stats, devices] = await Promise.all([readStepStats(db, window), readDeviceFailureCounts(db, window)])
  const byWorkflow = new Map<string, Map<string, StepStats>>()
  for (const s of stats) {
    if (!s.workflowId) continue
    const steps = byWorkflow.get(s.workflowId) ?? new Map<string, StepStats>()
    steps.set(s.stepId, s)
    byWorkflow.set(s.workflowId, steps)
  }
  const definitions = await readLatestDefinitions(db, [...byWorkflow.keys()])
  const forWorkflows = [...definitions.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((w) =>
      suggestOptimizations(w.definition, byWorkflow.get(w.workflowId) ?? new Map()).map((s) => ({
        ...s,
        workflowId: w.workflowId,
        workflowName: w.name,
        message: `${w.name}: ${s.message}`,
      })),
    )
  const forDevices = suggestForDevices(devices).map((s) => ({ ...s, stepIds: [] }))
  return [...forWorkflows, ...forDevices]
}
