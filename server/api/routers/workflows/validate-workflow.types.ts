import { z } from 'zod'
import type { WorkflowIssue } from '@/server/engine/workflow-issues'
import { ZDefinitionInput } from '../shared.types'

export const ZValidateWorkflowInput = z.object({ definition: ZDefinitionInput })
export const ZValidateWorkflowOutput = z.object({
  ok: z.boolean(),
  issues: z.array(z.custom<WorkflowIssue>()),
})
