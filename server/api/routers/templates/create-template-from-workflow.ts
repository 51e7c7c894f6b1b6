import { createTemplateFromWorkflow } from '@/server/templates/template-store'
import { publicProcedure } from '../../trpc'
import { ZCreateTemplateFromWorkflowInput } from './create-template-from-workflow.types'
import { ZTemplateOutput } from './template.types'

export const createTemplateFromWorkflowProcedure = publicProcedure
  .input(ZCreateTemplateFromWorkflowInput)
  .output(ZTemplateOutput)
  .mutation(({ ctx, input }) => createTemplateFromWorkflow(ctx, input))
