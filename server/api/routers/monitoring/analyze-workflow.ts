// The report behind `relayflow analyze --workflow X --range 24h`: per-step percentiles, failure
// rates, retries, slowest steps, anomalies and optimization suggestions.
import { readDb } from '@/server/platform/deps'
import { parseDuration } from '@/server/engine/duration'
import { analyzeWorkflow } from '@/server/metrics/analyze-workflow'
import { publicProcedure } from '../../trpc'
import { ZAnalyzeWorkflowInput, ZAnalyzeWorkflowOutput } from './analyze-workflow.types'

export const analyzeWorkflowProcedure = publicProcedure
  .input(ZAnalyzeWorkflowInput)
  .output(ZAnalyzeWorkflowOutput)
  .query(({ ctx, input }) =>
    analyzeWorkflow(readDb(ctx), ctx.clock.now(), {
      workflowId: input.workflowId,
      rangeHours: parseDuration(input.range) / 3_600_000,
    }),
  )
