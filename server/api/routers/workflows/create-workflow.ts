import { createWorkflow } from '@/server/workflows/workflow-store'
import { publicProcedure } from '../../trpc'
import { ZSavedVersion } from '../shared.types'
import { ZCreateWorkflowInput } from './create-workflow.types'

export const createWorkflowProcedure = publicProcedure
  .input(ZCreateWorkflowInput)
  .output(ZSavedVersion)
  .mutation(({ ctx, input }) => createWorkflow(ctx, input))
