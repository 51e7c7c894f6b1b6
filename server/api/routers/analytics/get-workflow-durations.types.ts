import { z } from 'zod'
import { ZAnalyticsInput, ZPercentileMs } from './analytics.types'

export const ZGetWorkflowDurationsInput = ZAnalyticsInput

export const ZGetWorkflowDurationsOutput = z.array(
  z.object({
    workflowId: z.string().nullable(),
    workflowName: z.string(),
    runs: z.number().int(),
    p50Ms: ZPercentileMs,
    p95Ms: ZPercentileMs,
    p99Ms: ZPercentileMs,
    maxMs: ZPercentileMs,
  }),
)
export type TWorkflowDurations = z.infer<typeof ZGetWorkflowDurationsOutput>
