import { z } from 'zod'
import { ZWorkflowId } from '../shared.types'
import { ZExecutionStatus, ZRunKind } from './run.types'

export const ZListRunsInput = z
  .object({
    workflowId: ZWorkflowId.optional(),
    status: ZExecutionStatus.optional(),
    /** Test runs (one step tested from the editor) are left out unless asked for. */
    includeTests: z.boolean().default(false),
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(100, 'pageSize must be at most 100').default(25),
  })
  .default({ includeTests: false, page: 1, pageSize: 25 })

export const ZListRunsOutput = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      workflowId: z.string().nullable(),
      workflowVersion: z.number().int(),
      workflowName: z.string(),
      status: ZExecutionStatus,
      trigger: z.string(),
      createdAt: z.date(),
      startedAt: z.date().nullable(),
      finishedAt: z.date().nullable(),
      handledFailures: z.number().int(),
      kind: ZRunKind,
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
})
