import { z } from 'zod'
import { ZTemplateId } from './template.types'

export const ZInstantiateTemplateInput = z.object({
  templateId: ZTemplateId,
  name: z.string().trim().min(1, 'name must not be empty').max(120, 'name must be at most 120 characters'),
  values: z.record(z.string(), z.unknown()).default({}),
})
