import { assertRunPlaceable } from '@/server/devices/dispatch/placement-preflight'
import { startRun } from '@/server/runner/run-store'
import { publicProcedure } from '../../trpc'
import { ZStartRunInput, ZStartRunOutput } from './start-run.types'

export const startRunProcedure = publicProcedure
  .input(ZStartRunInput)
  .output(ZStartRunOutput)
  .mutation(({ ctx, input }) =>
    startRun(ctx, {
      workflowId: input.workflowId,
      version: input.version,
      inputs: input.inputs,
      preflight: (definition, tx) => assertRunPlaceable(tx, definition),
    }),
  )
