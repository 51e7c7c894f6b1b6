import { z } from 'zod'
import { ZWorkflowId } from '../shared.types'
import { ZCron, ZSchedule, ZScheduleInputs, ZTimezone } from './schedule.types'

export const ZCreateScheduleInput = z.object({
  workflowId: ZWorkflowId,
  /** Five fields (minute hour day-of-month month day-of-week) or @hourly, @daily, @weekly, @monthly, @yearly. */
  cron: ZCron,
  /** IANA name, e.g. "Europe/Paris"; the expression is read in this zone (DST included). */
  timezone: ZTimezone.default('UTC'),
  /** The run inputs, checked against the workflow's input schema. */
  inputs: ZScheduleInputs.default({}),
  enabled: z.boolean().default(true),
})
export const ZCreateScheduleOutput = ZSchedule
