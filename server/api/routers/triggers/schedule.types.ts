// Zod pieces shared by the schedule procedures. Cron, time zone and inputs are checked by the
// schedule store, which reports every problem at once with its field (`cron`, `timezone`, `inputs.<name>`).
import { z } from 'zod'
import { ZJsonValue } from '@/server/engine/json-value'

export const MAX_SCHEDULE_INPUTS_CHARS = 64 * 1024

export const ZScheduleId = z.uuid({ error: 'schedule id must be a UUID' })
export const ZCron = z
  .string()
  .trim()
  .min(1, 'cron is required')
  .max(200, 'cron must be at most 200 characters')
export const ZTimezone = z
  .string()
  .trim()
  .min(1, 'timezone is required')
  .max(100, 'timezone must be at most 100 characters')
export const ZScheduleInputs = z
  .record(z.string(), ZJsonValue)
  .refine((v) => JSON.stringify(v).length <= MAX_SCHEDULE_INPUTS_CHARS, {
    message: `inputs must be at most ${MAX_SCHEDULE_INPUTS_CHARS} characters of JSON`,
  })

export const ZSchedule = z.object({
  id: z.string(),
  workflowId: z.string(),
  cron: z.string(),
  timezone: z.string(),
  inputs: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  /** Null while disabled or when the expression has no future occurrence. */
  nextFireAt: z.date().nullable(),
  lastFireAt: z.date().nullable(),
  lastExecutionId: z.string().nullable(),
  /** Occurrences skipped (not replayed) because no scheduler was running. */
  missedFires: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
})
