// The steps that fail most, with their error codes, and the slowest steps by p95.
import { readDb } from '@/server/platform/deps'
import { readStepReport } from '@/server/analytics/step-report'
import { publicProcedure } from '../../trpc'
import { windowFor } from './analytics.types'
import { ZGetStepReportInput, ZGetStepReportOutput } from './get-step-report.types'

export const getStepReportProcedure = publicProcedure
  .input(ZGetStepReportInput)
  .output(ZGetStepReportOutput)
  .query(({ ctx, input }) => readStepReport(readDb(ctx), windowFor(ctx.clock.now(), input)))
