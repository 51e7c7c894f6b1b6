import { listSchedules } from '@/server/triggers/schedule-store'
import { publicProcedure } from '../../trpc'
import { ZListSchedulesInput, ZListSchedulesOutput } from './list-schedules.types'

export const listSchedulesProcedure = publicProcedure
  .input(ZListSchedulesInput)
  .output(ZListSchedulesOutput)
  .query(async ({ ctx, input }) => ({ items: await listSchedules(ctx.db, input.workflowId) }))
