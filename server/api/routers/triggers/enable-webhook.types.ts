import { z } from 'zod'
import { ZWorkflowId } from '../shared.types'
import { ZIssuedWebhook } from './webhook.types'

export const ZEnableWebhookInput = z.object({
  workflowId: ZWorkflowId,
  /** Issue a signing secret and require every request to be signed with it. */
  signed: z.boolean().default(false),
})
export const ZEnableWebhookOutput = ZIssuedWebhook
