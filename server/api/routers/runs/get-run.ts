import { getRun } from '@/server/runner/run-queries'
import { publicProcedure } from '../../trpc'
import { ZGetRunInput, ZGetRunOutput } from './get-run.types'

export const getRunProcedure = publicProcedure
  .input(ZGetRunInput)
  .output(ZGetRunOutput)
  .query(({ ctx, input }) => getRun(ctx.db, input.id))
