import { getWorkflowVersion } from '@/server/workflows/workflow-store'
import { publicProcedure } from '../../trpc'
import { ZGetVersionInput, ZGetVersionOutput } from './get-version.types'

export const getVersionProcedure = publicProcedure
  .input(ZGetVersionInput)
  .output(ZGetVersionOutput)
  .query(async ({ ctx, input }) => {
    const found = await getWorkflowVersion(ctx.db, input.workflowId, input.version)
    return {
      workflowId: found.workflow.id,
      version: found.version,
      message: found.message,
      createdAt: found.createdAt,
      definition: found.definition,
    }
  })
