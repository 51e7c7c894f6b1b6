import { cancelRun } from '@/server/runner/run-store'
import { publicProcedure } from '../../trpc'
import { ZCancelRunInput, ZCancelRunOutput } from './cancel-run.types'

export const cancelRunProcedure = publicProcedure
  .input(ZCancelRunInput)
  .output(ZCancelRunOutput)
  .mutation(async ({ ctx, input }) => {
    await cancelRun(ctx, input.id)
    return { id: input.id, status: 'cancelled' as const }
  })
