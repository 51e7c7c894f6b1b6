import { z } from 'zod'

export const ZImportWorkflowInput = z.object({
  json: z.string().min(1, 'json must not be empty'),
  name: z.string().trim().min(1).max(120, 'name must be at most 120 characters').optional(),
})
