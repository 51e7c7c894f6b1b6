import { z } from 'zod'
import { ZExecutionStatus, ZRunId, ZStepStatus } from './run.types'

/** Small enough that a GET query string of ids stays under Node's 16 KiB header limit. */
export const MAX_RUN_STATUS_IDS = 200

export const ZGetRunStatusesInput = z.object({
  ids: z
    .array(ZRunId)
    .min(1, 'ids must name at least one run')
    .max(MAX_RUN_STATUS_IDS, `ids must name at most ${MAX_RUN_STATUS_IDS} runs`),
  /** Also return each run's step timings (for latency reports). */
  withSteps: z.boolean().default(false),
})

export const ZRunStatus = z.object({
  id: z.string(),
  status: ZExecutionStatus,
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  steps: z
    .array(
      z.object({
        stepId: z.string(),
        status: ZStepStatus,
        attempt: z.number().int(),
        startedAt: z.date().nullable(),
        finishedAt: z.date().nullable(),
      }),
    )
    .optional(),
})

/** Runs in the order asked for; ids that name no run are left out. */
export const ZGetRunStatusesOutput = z.object({ runs: z.array(ZRunStatus) })
