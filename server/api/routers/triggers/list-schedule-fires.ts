import { listScheduleFires } from '@/server/triggers/schedule-store'
import { publicProcedure } from '../../trpc'
import { ZListScheduleFiresInput, ZListScheduleFiresOutput } from './list-schedule-fires.types'

export const listScheduleFiresProcedure = publicProcedure
  .input(ZListScheduleFiresInput)
  .output(ZListScheduleFiresOutput)
  .query(async ({ ctx, input }) => ({
    items: await listScheduleFires(ctx.db, {
      scheduleId: input.id,
      limit: input.limit,
      before: input.before,
    }),
  }))
