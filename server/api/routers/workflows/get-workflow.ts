import { getWorkflowVersion } from '@/server/workflows/workflow-store'
import { publicProcedure } from '../../trpc'
import { ZGetWorkflowInput, ZGetWorkflowOutput } from './get-workflow.types'

export const getWorkflowProcedure = publicProcedure
  .input(ZGetWorkflowInput)
  .output(ZGetWorkflowOutput)
  .query(async ({ ctx, input }) => {
    const found = await getWorkflowVersion(ctx.db, input.id, input.version)
    return {
      id: found.workflow.id,
      name: found.workflow.name,
      latestVersion: found.workflow.latestVersion,
      archived: found.workflow.archivedAt !== null,
      updatedAt: found.workflow.updatedAt,
      version: found.version,
      message: found.message,
      versionCreatedAt: found.createdAt,
      definition: found.definition,
    }
  })
