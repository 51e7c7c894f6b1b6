import { z } from 'zod'
import { ALERT_METRICS } from '@/server/statistics/monitoring/alert-metrics'
import { ZAlertRuleId } from './monitoring.types'

export const ZListAlertHistoryInput = z
  .object({
    ruleId: ZAlertRuleId.optional(),
    /** Page back: events older than this id. */
    beforeId: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(500, 'limit must be at most 500').default(50),
  })
  .default({ limit: 50 })

export const ZListAlertHistoryOutput = z.array(
  z.object({
    id: z.number().int(),
    ruleId: z.string(),
    ruleName: z.string(),
    metric: z.enum(ALERT_METRICS),
    state: z.enum(['pending', 'firing', 'resolved']),
    value: z.number().nullable(),
    threshold: z.number(),
    message: z.string(),
    createdAt: z.date(),
    notifyStatus: z.string(),
    notifyError: z.string().nullable(),
  }),
)
export type TAlertHistory = z.infer<typeof ZListAlertHistoryOutput>
