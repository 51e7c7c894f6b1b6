import { z } from 'zod'
import { ZScheduleId } from './schedule.types'

export const ZListScheduleFiresInput = z.object({
  id: ZScheduleId,
  limit: z.number().int().min(1).max(200, 'limit must be at most 200').default(50),
  /** Fires for occurrences before this time (paging back). */
  before: z.date().optional(),
})

export const ZListScheduleFiresOutput = z.object({
  items: z.array(
    z.object({
      scheduledFor: z.date(),
      firedAt: z.date(),
      /** `failed` when the run could not be started (e.g. inputs no longer fit the workflow). */
      status: z.enum(['started', 'failed']),
      executionId: z.string().nullable(),
      /** Earlier occurrences skipped, not replayed, in favour of this one. */
      missed: z.number().int(),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
    }),
  ),
})
