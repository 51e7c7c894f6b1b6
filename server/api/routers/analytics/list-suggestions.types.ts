import { z } from 'zod'
import { ZAnalyticsInput } from './analytics.types'

export const ZListSuggestionsInput = ZAnalyticsInput

export const ZListSuggestionsOutput = z.array(
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.enum(['parallelize', 'add_retry', 'flaky_retry', 'lower_timeout', 'dominant_step']),
      workflowId: z.string(),
      workflowName: z.string(),
      stepIds: z.array(z.string()),
      message: z.string(),
    }),
    z.object({
      kind: z.literal('failing_device'),
      deviceId: z.string(),
      stepIds: z.array(z.string()),
      message: z.string(),
    }),
  ]),
)
export type TSuggestions = z.infer<typeof ZListSuggestionsOutput>
