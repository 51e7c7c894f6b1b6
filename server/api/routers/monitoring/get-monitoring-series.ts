// Queue depth, runs in flight, dispatch p95, failure rate and utilization as sampled by the alert
// evaluator (one sample per tick, kept for a day).
import { readDb } from '@/server/platform/deps'
import { readMonitoringSeries } from '@/server/metrics/monitoring-snapshot'
import { publicProcedure } from '../../trpc'
import { ZGetMonitoringSeriesInput, ZGetMonitoringSeriesOutput } from './get-monitoring-series.types'

export const getMonitoringSeriesProcedure = publicProcedure
  .input(ZGetMonitoringSeriesInput)
  .output(ZGetMonitoringSeriesOutput)
  .query(({ ctx, input }) => readMonitoringSeries(readDb(ctx), ctx.clock.now(), input.minutes))
