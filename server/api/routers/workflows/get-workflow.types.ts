import { z } from 'zod'
import { ZDefinitionOutput, ZVersionNumber, ZWorkflowId } from '../shared.types'

export const ZGetWorkflowInput = z.object({ id: ZWorkflowId, version: ZVersionNumber.optional() })

export const ZGetWorkflowOutput = z.object({
  id: z.string(),
  name: z.string(),
  latestVersion: z.number().int(),
  archived: z.boolean(),
  updatedAt: z.date(),
  version: z.number().int(),
  message: z.string(),
  versionCreatedAt: z.date(),
  definition: ZDefinitionOutput,
})
