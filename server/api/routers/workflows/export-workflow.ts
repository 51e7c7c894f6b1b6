import { exportWorkflow } from '@/server/workflows/workflow-transfer'
import { publicProcedure } from '../../trpc'
import { ZExportWorkflowInput, ZExportWorkflowOutput } from './export-workflow.types'

export const exportWorkflowProcedure = publicProcedure
  .input(ZExportWorkflowInput)
  .output(ZExportWorkflowOutput)
  .query(({ ctx, input }) => exportWorkflow(ctx, input))
