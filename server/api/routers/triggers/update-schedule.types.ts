import { z } from 'zod'
import { ZCron, ZSchedule, ZScheduleId, ZScheduleInputs, ZTimezone } from './schedule.types'

/** Fields left out keep their value. */
export const ZUpdateScheduleInput = z.object({
  id: ZScheduleId,
  cron: ZCron.optional(),
  timezone: ZTimezone.optional(),
  inputs: ZScheduleInputs.optional(),
  enabled: z.boolean().optional(),
})
export const ZUpdateScheduleOutput = ZSchedule
