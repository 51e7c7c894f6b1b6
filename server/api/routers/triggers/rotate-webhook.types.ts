import { z } from 'zod'
import { ZWorkflowId } from '../shared.types'
import { ZIssuedWebhook } from './webhook.types'

export const ZRotateWebhookInput = z.object({
  workflowId: ZWorkflowId,
  /** true: issue a new signing secret · false: stop requiring signatures · absent: keep the current secret. */
  signed: z.boolean().optional(),
})
export const ZRotateWebhookOutput = ZIssuedWebhook
