import { z } from 'zod'
import { ZAnalyticsInput, ZErrorCodeCount, ZPercentileMs } from './analytics.types'

export const ZGetStepReportInput = ZAnalyticsInput

const ZStepRow = z.object({
  workflowId: z.string().nullable(),
  workflowName: z.string(),
  stepId: z.string(),
  stepName: z.string(),
  runs: z.number().int(),
  failed: z.number().int(),
  failureRate: z.number(),
  p50Ms: ZPercentileMs,
  p95Ms: ZPercentileMs,
  p99Ms: ZPercentileMs,
  errorCodes: z.array(ZErrorCodeCount),
})

export const ZGetStepReportOutput = z.object({ topFailing: z.array(ZStepRow), slowest: z.array(ZStepRow) })
export type TStepReport = z.infer<typeof ZGetStepReportOutput>
export type TStepReportRow = z.infer<typeof ZStepRow>
