// Usage patterns: runs by hour of the week, by trigger, and the most-used workflows.
import { readDb } from '@/server/platform/deps'
import { readUsage } from '@/server/analytics/usage-report'
import { publicProcedure } from '../../trpc'
import { windowFor } from './analytics.types'
import { ZGetUsageInput, ZGetUsageOutput } from './get-usage.types'

export const getUsageProcedure = publicProcedure
  .input(ZGetUsageInput)
  .output(ZGetUsageOutput)
  .query(({ ctx, input }) => readUsage(readDb(ctx), windowFor(ctx.clock.now(), input)))
