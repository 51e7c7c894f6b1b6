import { updateSchedule } from '@/server/triggers/schedule-store'
import { publicProcedure } from '../../trpc'
import { ZUpdateScheduleInput, ZUpdateScheduleOutput } from './update-schedule.types'

export const updateScheduleProcedure = publicProcedure
  .input(ZUpdateScheduleInput)
  .output(ZUpdateScheduleOutput)
  .mutation(({ ctx, input }) => updateSchedule(ctx, input))
