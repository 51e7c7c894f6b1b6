// Zod pieces shared by several procedures' schemas.
import { z } from 'zod'
import type { TWorkflowDefinition } from '@/server/engine/workflow-schema'

export const ZWorkflowId = z.uuid({ error: 'workflow id must be a UUID' })
export const ZVersionNumber = z.number().int().min(1)
export const ZVersionMessage = z.string().trim().max(500, 'message must be at most 500 characters').optional()
/** Documents are validated by validateWorkflow so every problem is reported, not just the first. */
export const ZDefinitionInput = z.unknown()
export const ZDefinitionOutput = z.custom<TWorkflowDefinition>((v) => typeof v === 'object' && v !== null)

export const ZSavedVersion = z.object({
  workflowId: z.string(),
  version: z.number().int(),
  definition: ZDefinitionOutput,
})
