import { z } from 'zod'
import { ZAnalyticsInput } from './analytics.types'

export const ZListFailingWorkflowsInput = ZAnalyticsInput.pick({ range: true }).extend({
  limit: z.number().int().min(1).max(50, 'limit must be at most 50').default(5),
})
export type TListFailingWorkflowsInput = z.infer<typeof ZListFailingWorkflowsInput>

export const ZListFailingWorkflowsOutput = z.array(
  z.object({
    workflowId: z.string().nullable(),
    workflowName: z.string(),
    failed: z.number().int(),
    runs: z.number().int(),
    lastFailedAt: z.date(),
    lastFailedRunId: z.string(),
  }),
)
export type TFailingWorkflows = z.infer<typeof ZListFailingWorkflowsOutput>
