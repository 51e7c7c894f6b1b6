// Zod pieces shared by several procedures' schemas.
import { z } from 'zod'
import type { TWorkflowDefinition } from '@/server/engine/workflow-schema'

export const ZWorkflowId = z.uuid({ error: 'workflow id must be a UUID' })
/** Versions are PostgreSQL integers. */
export const ZVersionNumber = z
  .number()
  .int('version must be a whole number')
  .min(1, 'version must be 1 or more')
  .max(2_147_483_647, 'version must be at most 2147483647')
export const ZVersionMessage = z.string().trim().max(500, 'message must be at most 500 characters').optional()
/** Documents are validated by validateWorkflow so every problem is reported, not just the first. */
export const ZDefinitionInput = z.unknown()
export const ZDefinitionOutput = z.custom<TWorkflowDefinition>((v) => typeof v === 'object' && v !== null)

export const ZSavedVersion = z.object({
  workflowId: z.string(),
  version: z.number().int(),
  definition: ZDefinitionOutput,
})
