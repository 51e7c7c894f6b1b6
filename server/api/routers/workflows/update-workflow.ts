import { updateWorkflow } from '@/server/workflows/workflow-store'
import { publicProcedure } from '../../trpc'
import { ZSavedVersion } from '../shared.types'
import { ZUpdateWorkflowInput } from './update-workflow.types'

export const updateWorkflowProcedure = publicProcedure
  .input(ZUpdateWorkflowInput)
  .output(ZSavedVersion)
  .mutation(({ ctx, input }) => updateWorkflow(ctx, input))
