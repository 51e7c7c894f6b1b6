import { validateWorkflow } from '@/server/engine/validate-workflow'
import { publicProcedure } from '../../trpc'
import { ZValidateWorkflowInput, ZValidateWorkflowOutput } from './validate-workflow.types'

/** Validates without saving; returns errors and warnings together. */
export const validateWorkflowProcedure = publicProcedure
  .input(ZValidateWorkflowInput)
  .output(ZValidateWorkflowOutput)
  .mutation(({ input }) => {
    const result = validateWorkflow(input.definition)
    return result.ok ? { ok: true, issues: result.warnings } : { ok: false, issues: result.issues }
  })
