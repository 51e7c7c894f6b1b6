import { z } from 'zod'
import { ZWorkflowId } from '../shared.types'
import { ZListRunsOutput } from './list-runs.types'

export const ZSummarizeWorkflowRunsInput = z.object({
  workflowId: ZWorkflowId,
  /** How many of the newest runs to return. */
  recent: z.number().int().min(1).max(100, 'recent must be at most 100').default(10),
})

const ZRunListItem = ZListRunsOutput.shape.items.element

export const ZSummarizeWorkflowRunsOutput = z.object({
  workflowId: z.string(),
  total: z.number().int(),
  /** Runs per status; statuses with no run are absent. */
  counts: z.record(z.string(), z.number().int()),
  recent: z.array(ZRunListItem),
  lastRun: ZRunListItem.nullable(),
})
