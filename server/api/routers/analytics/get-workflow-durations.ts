// Run duration percentiles (p50, p95, p99) per workflow, slowest first.
import { readDb } from '@/server/platform/deps'
import { readWorkflowDurations } from '@/server/analytics/workflow-duration-report'
import { publicProcedure } from '../../trpc'
import { windowFor } from './analytics.types'
import { ZGetWorkflowDurationsInput, ZGetWorkflowDurationsOutput } from './get-workflow-durations.types'

export const getWorkflowDurationsProcedure = publicProcedure
  .input(ZGetWorkflowDurationsInput)
  .output(ZGetWorkflowDurationsOutput)
  .query(({ ctx, input }) => readWorkflowDurations(readDb(ctx), windowFor(ctx.clock.now(), input)))
