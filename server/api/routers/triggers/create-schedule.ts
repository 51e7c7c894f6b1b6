import { createSchedule } from '@/server/triggers/schedule-store'
import { publicProcedure } from '../../trpc'
import { ZCreateScheduleInput, ZCreateScheduleOutput } from './create-schedule.types'

export const createScheduleProcedure = publicProcedure
  .input(ZCreateScheduleInput)
  .output(ZCreateScheduleOutput)
  .mutation(({ ctx, input }) => createSchedule(ctx, input))
