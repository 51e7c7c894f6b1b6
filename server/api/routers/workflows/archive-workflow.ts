import { setArchived } from '@/server/workflows/workflow-lifecycle'
import { publicProcedure } from '../../trpc'
import { ZArchiveWorkflowInput, ZArchiveWorkflowOutput } from './archive-workflow.types'

export const archiveWorkflowProcedure = publicProcedure
  .input(ZArchiveWorkflowInput)
  .output(ZArchiveWorkflowOutput)
  .mutation(({ ctx, input }) => setArchived(ctx, input.id, input.archived))
