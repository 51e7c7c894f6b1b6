import { z } from 'zod'
import { ZAnalyticsInput } from './analytics.types'

export const ZGetUsageInput = ZAnalyticsInput

const ZUsageCount = {
  runs: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  successRate: z.number().nullable(),
}

export const ZGetUsageOutput = z.object({
  heatmap: z.array(z.object({ weekday: z.number().int(), hour: z.number().int(), runs: z.number().int() })),
  byTrigger: z.array(z.object({ trigger: z.string(), ...ZUsageCount })),
  topWorkflows: z.array(z.object({ workflowId: z.string().nullable(), workflowName: z.string(), ...ZUsageCount })),
})
export type TUsage = z.infer<typeof ZGetUsageOutput>
