// Runs per hour or day by final status, with the success-rate trend.
import { readDb } from '@/server/platform/deps'
import { readRunTrend } from '@/server/analytics/run-trend-report'
import { publicProcedure } from '../../trpc'
import { windowFor } from './analytics.types'
import { ZGetRunTrendInput, ZGetRunTrendOutput } from './get-run-trend.types'

export const getRunTrendProcedure = publicProcedure
  .input(ZGetRunTrendInput)
  .output(ZGetRunTrendOutput)
  .query(({ ctx, input }) => readRunTrend(readDb(ctx), windowFor(ctx.clock.now(), input)))
