import { z } from 'zod'
import { ZTemplateVariable } from '@/server/engine/workflow-template'
import { ZVersionNumber, ZWorkflowId } from '../shared.types'

export const ZCreateTemplateFromWorkflowInput = z.object({
  workflowId: ZWorkflowId,
  version: ZVersionNumber.optional(),
  name: z.string().trim().min(1, 'name must not be empty').max(120, 'name must be at most 120 characters'),
  description: z.string().max(2000, 'description must be at most 2000 characters').optional(),
  category: z.string().trim().min(1).max(60, 'category must be at most 60 characters').optional(),
  variables: z.array(ZTemplateVariable).max(50, 'at most 50 variables').optional(),
})
