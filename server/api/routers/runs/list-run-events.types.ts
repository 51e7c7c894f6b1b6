import { z } from 'zod'
import { ZExecutionStatus, ZRunId } from './run.types'

export const ZListRunEventsInput = z.object({
  id: ZRunId,
  /** Events after this sequence number; a reconnecting client passes the last one it applied. */
  afterSeq: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000, 'limit must be at most 1000').default(500),
})

export const ZListRunEventsOutput = z.object({
  events: z.array(
    z.object({
      seq: z.number().int(),
      type: z.string(),
      stepId: z.string().nullable(),
      payload: z.unknown(),
      createdAt: z.date(),
    }),
  ),
  lastSeq: z.number().int(),
  status: ZExecutionStatus,
})
