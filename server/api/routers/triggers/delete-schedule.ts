import { deleteSchedule } from '@/server/triggers/schedule-store'
import { publicProcedure } from '../../trpc'
import { ZDeleteScheduleInput, ZDeleteScheduleOutput } from './delete-schedule.types'

export const deleteScheduleProcedure = publicProcedure
  .input(ZDeleteScheduleInput)
  .output(ZDeleteScheduleOutput)
  .mutation(async ({ ctx, input }) => {
    await deleteSchedule(ctx.db, input.id)
    return { id: input.id, deleted: true as const }
  })
