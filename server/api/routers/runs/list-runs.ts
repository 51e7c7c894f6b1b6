import { listRuns } from '@/server/runner/run-list'
import { publicProcedure } from '../../trpc'
import { ZListRunsInput, ZListRunsOutput } from './list-runs.types'

export const listRunsProcedure = publicProcedure
  .input(ZListRunsInput)
  .output(ZListRunsOutput)
  .query(({ ctx, input }) => listRuns(ctx.db, input))
