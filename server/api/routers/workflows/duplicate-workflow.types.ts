import { z } from 'zod'
import { ZWorkflowId } from '../shared.types'

export const ZDuplicateWorkflowInput = z.object({
  id: ZWorkflowId,
  name: z.string().trim().min(1, 'name must not be empty').max(120, 'name must be at most 120 characters').optional(),
})
