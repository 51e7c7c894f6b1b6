import { duplicateWorkflow } from '@/server/workflows/workflow-lifecycle'
import { publicProcedure } from '../../trpc'
import { ZSavedVersion } from '../shared.types'
import { ZDuplicateWorkflowInput } from './duplicate-workflow.types'

export const duplicateWorkflowProcedure = publicProcedure
  .input(ZDuplicateWorkflowInput)
  .output(ZSavedVersion)
  .mutation(({ ctx, input }) => duplicateWorkflow(ctx, input.id, input.name))
