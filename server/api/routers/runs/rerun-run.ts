import { rerunExecution } from '@/server/runner/run-store'
import { publicProcedure } from '../../trpc'
import { ZRerunRunInput, ZRerunRunOutput } from './rerun-run.types'

export const rerunRunProcedure = publicProcedure
  .input(ZRerunRunInput)
  .output(ZRerunRunOutput)
  .mutation(({ ctx, input }) => rerunExecution(ctx, input))
