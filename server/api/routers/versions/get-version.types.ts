import { z } from 'zod'
import { ZDefinitionOutput, ZVersionNumber, ZWorkflowId } from '../shared.types'

export const ZGetVersionInput = z.object({ workflowId: ZWorkflowId, version: ZVersionNumber })
export const ZGetVersionOutput = z.object({
  workflowId: z.string(),
  version: z.number().int(),
  message: z.string(),
  createdAt: z.date(),
  definition: ZDefinitionOutput,
})
