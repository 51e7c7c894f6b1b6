import { deleteWorkflow } from '@/server/workflows/workflow-lifecycle'
import { publicProcedure } from '../../trpc'
import { ZDeleteWorkflowInput, ZDeleteWorkflowOutput } from './delete-workflow.types'

export const deleteWorkflowProcedure = publicProcedure
  .input(ZDeleteWorkflowInput)
  .output(ZDeleteWorkflowOutput)
  .mutation(({ ctx, input }) => deleteWorkflow(ctx, input.id))
