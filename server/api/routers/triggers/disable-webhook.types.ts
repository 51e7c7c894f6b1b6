import { ZWebhookStatus, ZWebhookWorkflowInput } from './webhook.types'

export const ZDisableWebhookInput = ZWebhookWorkflowInput
export const ZDisableWebhookOutput = ZWebhookStatus
