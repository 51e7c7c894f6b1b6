import { listVersions } from '@/server/workflows/workflow-store'
import { publicProcedure } from '../../trpc'
import { ZListVersionsInput, ZListVersionsOutput } from './list-versions.types'

export const listVersionsProcedure = publicProcedure
  .input(ZListVersionsInput)
  .output(ZListVersionsOutput)
  .query(({ ctx, input }) => listVersions(ctx.db, input.workflowId))
