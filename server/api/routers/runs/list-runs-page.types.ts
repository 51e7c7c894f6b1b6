import { z } from 'zod'
import { ZWorkflowId } from '../shared.types'
import { ZExecutionStatus, ZRunKind } from './run.types'

/** Where a page starts: the last (older) or first (newer) row of the page before it. */
export const ZRunCursor = z.object({ createdAt: z.date(), id: z.uuid() })
export type TRunCursor = z.infer<typeof ZRunCursor>

export const ZListRunsPageInput = z.object({
  workflowId: ZWorkflowId.optional(),
  status: ZExecutionStatus.optional(),
  trigger: z.string().trim().min(1).max(40, 'trigger must be at most 40 characters').optional(),
  /** Test runs (one step tested from the editor) are left out unless asked for. */
  includeTests: z.boolean().default(false),
  /** Runs with at least one command on this device (the analytics device leaderboard drills here). */
  deviceId: z.string().trim().min(1).max(200, 'deviceId must be at most 200 characters').optional(),
  /** Runs created at or after this time. */
  from: z.date().optional(),
  /** Runs created before this time. */
  to: z.date().optional(),
  /** Keyset pagination on (createdAt, id), newest first, so page 4,000 costs what page 1 does. */
  cursor: ZRunCursor.optional(),
  direction: z.enum(['older', 'newer']).default('older'),
  limit: z.number().int().min(1).max(100, 'limit must be at most 100').default(25),
})
export type TListRunsPageInput = z.infer<typeof ZListRunsPageInput>

export const ZRunsPageItem = z.object({
  id: z.string(),
  workflowId: z.string().nullable(),
  workflowVersion: z.number().int(),
  workflowName: z.string(),
  status: ZExecutionStatus,
  trigger: z.string(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  /** Failed steps a failure-edge handler ran for. */
  handledFailures: z.number().int(),
  kind: ZRunKind,
})

export const ZListRunsPageOutput = z.object({
  items: z.array(ZRunsPageItem),
  /** Cursor for the next older page, when there is one. */
  older: ZRunCursor.nullable(),
  /** Cursor for the next newer page, when there is one. */
  newer: ZRunCursor.nullable(),
})
