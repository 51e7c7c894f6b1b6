import { z } from 'zod'
import { ZAnalyticsInput } from './analytics.types'

export const ZGetRunTrendInput = ZAnalyticsInput

const ZCounts = z.record(z.string(), z.number().int())

export const ZGetRunTrendOutput = z.object({
  bucket: z.enum(['hour', 'day']),
  buckets: z.array(
    z.object({
      start: z.date(),
      end: z.date(),
      total: z.number().int(),
      byStatus: ZCounts,
      /** Of the succeeded runs, those that succeeded only because failure edges handled failures. */
      handledSuccesses: z.number().int(),
      successRate: z.number().nullable(),
    }),
  ),
  totals: z.object({
    runs: z.number().int(),
    byStatus: ZCounts,
    handledSuccesses: z.number().int(),
    successRate: z.number().nullable(),
  }),
})
export type TRunTrend = z.infer<typeof ZGetRunTrendOutput>
