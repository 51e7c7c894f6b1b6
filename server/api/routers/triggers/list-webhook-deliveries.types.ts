import { z } from 'zod'
import { ZWorkflowId } from '../shared.types'

export const ZListWebhookDeliveriesInput = z.object({
  workflowId: ZWorkflowId,
  limit: z.number().int().min(1).max(100, 'limit must be at most 100').default(10),
})

export const ZListWebhookDeliveriesOutput = z.object({
  items: z.array(
    z.object({
      /** The run the request started. */
      runId: z.string(),
      /** The run's status now (`pending`, `running`, `succeeded`, `failed`, …). */
      status: z.string(),
      workflowVersion: z.number().int(),
      /** When the request was accepted (the run's creation). */
      receivedAt: z.date(),
      startedAt: z.date().nullable(),
      finishedAt: z.date().nullable(),
    }),
  ),
})
