// Workflows with failed or timed-out runs in a recent window (24 hours by default), most failures
// first, each with its newest failed run.
import { readDb } from '@/server/platform/deps'
import { readFailingWorkflows } from '@/server/analytics/failing-workflows-report'
import { publicProcedure } from '../../trpc'
import { windowFor } from './analytics.types'
import { ZListFailingWorkflowsInput, ZListFailingWorkflowsOutput } from './list-failing-workflows.types'

export const listFailingWorkflowsProcedure = publicProcedure
  .input(ZListFailingWorkflowsInput)
  .output(ZListFailingWorkflowsOutput)
  .query(({ ctx, input }) =>
    readFailingWorkflows(
      readDb(ctx),
      windowFor(ctx.clock.now(), { range: input.range, timezone: 'UTC' }),
      input.limit,
    ),
  )
