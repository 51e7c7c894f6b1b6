import { z } from 'zod'
import { ZVersionMessage, ZVersionNumber, ZWorkflowId } from '../shared.types'

export const ZRestoreVersionInput = z.object({
  workflowId: ZWorkflowId,
  version: ZVersionNumber,
  message: ZVersionMessage,
})
