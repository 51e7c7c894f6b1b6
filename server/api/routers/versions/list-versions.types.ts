import { z } from 'zod'
import { ZWorkflowId } from '../shared.types'

export const ZListVersionsInput = z.object({ workflowId: ZWorkflowId })
export const ZListVersionsOutput = z.array(
  z.object({ version: z.number().int(), message: z.string(), createdAt: z.date(), stepCount: z.number().int() }),
)
