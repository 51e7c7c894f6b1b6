import { importWorkflow } from '@/server/workflows/workflow-transfer'
import { publicProcedure } from '../../trpc'
import { ZSavedVersion } from '../shared.types'
import { ZImportWorkflowInput } from './import-workflow.types'

export const importWorkflowProcedure = publicProcedure
  .input(ZImportWorkflowInput)
  .output(ZSavedVersion)
  .mutation(({ ctx, input }) => importWorkflow(ctx, input))
