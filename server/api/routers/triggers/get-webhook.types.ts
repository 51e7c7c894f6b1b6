import { ZWebhookStatus, ZWebhookWorkflowInput } from './webhook.types'

export const ZGetWebhookInput = ZWebhookWorkflowInput
export const ZGetWebhookOutput = ZWebhookStatus
