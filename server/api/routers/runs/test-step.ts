// Tests one step: a real run of kind 'test', kept out of lists, analytics and monitoring.
import { assertRunPlaceable } from '@/server/devices/dispatch/placement-preflight'
import { startStepTest } from '@/server/runner/step-test'
import { publicProcedure } from '../../trpc'
import { ZTestStepInput, ZTestStepOutput } from './test-step.types'

export const testStepProcedure = publicProcedure
  .input(ZTestStepInput)
  .output(ZTestStepOutput)
  .mutation(({ ctx, input }) =>
    startStepTest(ctx, { ...input, preflight: (definition, tx) => assertRunPlaceable(tx, definition) }),
  )
