import { listWorkflows } from '@/server/workflows/workflow-list'
import { publicProcedure } from '../../trpc'
import { ZListWorkflowsInput, ZListWorkflowsOutput } from './list-workflows.types'

export const listWorkflowsProcedure = publicProcedure
  .input(ZListWorkflowsInput)
  .output(ZListWorkflowsOutput)
  .query(({ ctx, input }) => listWorkflows(ctx.db, input))
