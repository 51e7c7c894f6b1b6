// The input every analytics report takes: a range ending now (1 hour to 90 days), the viewer's time
// zone for day and hour buckets, and optionally one workflow.
import { z } from 'zod'
import { analyticsWindow, isAnalyticsRange, isTimeZone } from '@/server/statistics/analytics/analytics-window'
import { ZWorkflowId } from '../shared.types'

export const ZAnalyticsInput = z.object({
  range: z
    .string()
    .trim()
    .default('24h')
    .refine(isAnalyticsRange, {
      message: 'range must be a duration between 1 hour and 90 days, such as "1h", "24h", "7d" or "90d"',
    }),
  timezone: z
    .string()
    .trim()
    .max(64)
    .default('UTC')
    .refine(isTimeZone, { message: 'timezone must be an IANA time zone such as "UTC" or "Europe/Paris"' }),
  workflowId: ZWorkflowId.optional(),
})
export type TAnalyticsInput = z.infer<typeof ZAnalyticsInput>

/** The report window for a validated input at `now`. */
export const windowFor = (now: Date, input: TAnalyticsInput) => analyticsWindow(now, input)

export const ZPercentileMs = z.number().nullable()
export const ZErrorCodeCount = z.object({ code: z.string(), count: z.number().int() })
