import { z } from 'zod'
import { ZDefinitionInput, ZVersionNumber, ZWorkflowId } from '../shared.types'
import { ZStartedRun } from './run.types'

export const ZTestStepInput = z.object({
  workflowId: ZWorkflowId,
  version: ZVersionNumber.optional().describe('Default: the latest version'),
  /** The editor's unsaved document; default: the version's own definition. */
  document: ZDefinitionInput.optional(),
  stepId: z.string().trim().min(1).max(200),
  /** The run inputs, checked against the workflow's input schema. */
  inputs: z.record(z.string(), z.unknown()).default({}),
  /** Outputs of upstream steps by step id (the last run's, or sample data); others count as null. */
  upstream: z.record(z.string().min(1).max(200), z.unknown()).default({}),
  /** A command step runs on exactly this device. */
  deviceId: z.string().trim().min(1).max(200).optional(),
})
export type TTestStepInput = z.infer<typeof ZTestStepInput>
export const ZTestStepOutput = ZStartedRun
