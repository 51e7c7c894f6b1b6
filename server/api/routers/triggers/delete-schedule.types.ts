import { z } from 'zod'
import { ZScheduleId } from './schedule.types'

export const ZDeleteScheduleInput = z.object({ id: ZScheduleId })
export const ZDeleteScheduleOutput = z.object({ id: z.string(), deleted: z.literal(true) })
