import { z } from 'zod'
import { ZRunId } from './run.types'

export const MAX_STEP_LOG_PAGE = 5000

export const ZListStepLogsInput = z.object({
  id: ZRunId,
  stepId: z.string().min(1).max(200),
  /** Lines after this log id; a following view passes the last id it holds. */
  afterId: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(MAX_STEP_LOG_PAGE, `limit must be at most ${MAX_STEP_LOG_PAGE}`).default(2000),
})

export const ZStepLogLine = z.object({
  id: z.number().int(),
  commandId: z.string(),
  stream: z.string(),
  line: z.string(),
  at: z.date(),
})

export const ZListStepLogsOutput = z.object({
  lines: z.array(ZStepLogLine),
  /** More lines exist after the last one returned: ask again with its id. */
  more: z.boolean(),
})
