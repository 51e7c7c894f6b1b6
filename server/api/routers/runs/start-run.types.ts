import { z } from 'zod'
import { ZVersionNumber, ZWorkflowId } from '../shared.types'
import { ZStartedRun } from './run.types'

export const ZStartRunInput = z.object({
  workflowId: ZWorkflowId,
  version: ZVersionNumber.optional().describe('Default: the latest version'),
  /** Checked against the workflow's input schema, so every problem is reported with its field. */
  inputs: z.record(z.string(), z.unknown()).default({}),
})
export const ZStartRunOutput = ZStartedRun
