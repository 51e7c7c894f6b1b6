import { z } from 'zod'
import type { TTemplateVariable, TWorkflowTemplate } from '@/server/engine/workflow-template'

export const ZTemplateId = z.uuid({ error: 'template id must be a UUID' })

export const ZTemplateOutput = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  category: z.string().optional(),
  isBuiltin: z.boolean(),
  variables: z.array(z.custom<TTemplateVariable>()),
  workflow: z.custom<TWorkflowTemplate['workflow']>(),
})
