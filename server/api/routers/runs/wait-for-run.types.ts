import { z } from 'zod'
import { ZExecutionStatus, ZRunId } from './run.types'

/** A long poll stays below common proxy idle timeouts; callers ask again to wait longer. */
export const MAX_RUN_WAIT_MS = 25_000

export const ZWaitForRunInput = z.object({
  id: ZRunId,
  timeoutMs: z
    .number({ error: 'timeoutMs must be a number of milliseconds' })
    .int('timeoutMs must be a whole number of milliseconds')
    .min(0, 'timeoutMs must be 0 or more')
    .max(MAX_RUN_WAIT_MS, `timeoutMs must be at most ${MAX_RUN_WAIT_MS}`),
})

/** `ended` tells whether `status` is final; otherwise the time ran out and the caller may ask again. */
export const ZWaitForRunOutput = z.object({ id: z.string(), status: ZExecutionStatus, ended: z.boolean() })
