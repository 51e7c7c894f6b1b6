// Shapes shared by the monitoring procedures: alert rules as the API returns them.
import { z } from 'zod'
import { ALERT_METRICS } from '@/server/statistics/monitoring/alert-metrics'
import { ALERT_COMPARATORS } from '@/server/statistics/monitoring/alert-rules'
import { ALERT_STATES } from '@/server/statistics/monitoring/alert-state'

export const ZAlertRule = z.object({
  id: z.string(),
  builtinKey: z.string().nullable(),
  name: z.string(),
  metric: z.enum(ALERT_METRICS),
  comparator: z.enum(ALERT_COMPARATORS),
  threshold: z.number(),
  windowSeconds: z.number().int(),
  forSeconds: z.number().int(),
  webhookUrl: z.string().nullable(),
  enabled: z.boolean(),
  state: z.enum(ALERT_STATES),
  stateSince: z.date().nullable(),
  lastValue: z.number().nullable(),
  lastEvaluatedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
})
export type TAlertRule = z.infer<typeof ZAlertRule>

export const ZAlertRuleId = z.uuid('id must be an alert rule id (a UUID)')
