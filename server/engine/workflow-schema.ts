// The workflow document (schemaVersion 1): top-level fields around a list of typed steps.
// Step schemas come from the registry in ./steps; this file assembles the document.
import { z } from 'zod'
import { ZPlacementTimeout } from './device-target'
import { ZDuration } from './duration'
import { ZIdentifier } from './identifier'
import { ZInputSchema } from './input-schema'
import { ZJsonValue } from './json-value'
import { MAX_EXPRESSION_LENGTH, MAX_STEPS } from './limits'
import { ZRetryPolicy } from './retry-policy'
import { ZPosition } from './step-common'
import { ZWorkflowStep } from '@/steps/registry'

export { ZWorkflowStep, type TWorkflowStep, type TWorkflowStepInput } from '@/steps/registry'
export { MAX_DOCUMENT_BYTES, MAX_EXPRESSION_LENGTH, MAX_STEPS } from './limits'
export { ZDuration, parseDuration, type TDuration } from './duration'
export {
  ZRetryPolicy,
  ZRetryPolicyOverride,
  computeRetryDelay,
  resolveRetryPolicy,
  type TRetryPolicy,
} from './retry-policy'
export { ZInputSchema, validateRunInputs, type TInputSchema } from './input-schema'
export { ZDeviceTarget, type TDeviceTarget } from './device-target'

export const WORKFLOW_SCHEMA_VERSION = 1

export const ZCanvasNote = z.strictObject({
  id: z.string().min(1),
  text: z.string().max(10_000),
  position: ZPosition,
  width: z.number().positive().optional(),
  height: z.number().positive().optional(),
})

export const ZWorkflowMetadata = z
  .object({
    tags: z.array(z.string().min(1).max(60)).optional(),
    owner: z.string().max(200).optional(),
  })
  .catchall(ZJsonValue)
  .describe('Free-form metadata; tags and owner are shown in lists')

export const ZErrorHandling = z
  .strictObject({
    strategy: z
      .enum(['fail-fast', 'continue'])
      .default('fail-fast')
      .describe(
        'fail-fast: an unhandled step failure fails the run at once; continue: other branches go on, the run ends failed',
      ),
  })
  .describe('What an unhandled step failure does to the run')

export const ZConcurrency = z
  .strictObject({
    limit: z.number().int().min(1).max(10_000).describe('Most runs of this workflow running at once'),
    whenLimited: z
      .enum(['queue', 'cancel-new', 'cancel-oldest'])
      .default('queue')
      .describe(
        'queue: the new run waits and starts when one ends; cancel-new: the new run is cancelled; cancel-oldest: the oldest running run is cancelled',
      ),
  })
  .describe('Limit on concurrent runs of this workflow')

export const ZWorkflowDefinition = z
  .strictObject({
    schemaVersion: z
      .literal(WORKFLOW_SCHEMA_VERSION)
      .default(WORKFLOW_SCHEMA_VERSION)
      .describe('Document format version'),
    id: z.string().optional().describe('Assigned by the server; ignored on input'),
    version: z.number().int().min(1).optional().describe('Assigned by the server; ignored on input'),
    name: z.string().trim().min(1).max(120),
    description: z.string().max(2000).optional(),
    inputs: ZInputSchema.optional(),
    variables: z
      .record(ZIdentifier, ZJsonValue)
      .optional()
      .describe('Workflow variables, readable as vars.<name>'),
    steps: z.array(ZWorkflowStep).min(1).max(MAX_STEPS),
    outputs: z
      .record(ZIdentifier, z.string().min(1).max(MAX_EXPRESSION_LENGTH))
      .optional()
      .describe(
        'Run outputs: name -> CEL expression over inputs, vars and steps.<id>.output, evaluated when a run succeeds; a workflow step that calls this workflow outputs them',
      ),
    errorHandling: ZErrorHandling.default({ strategy: 'fail-fast' }),
    timeout: ZDuration.optional().describe('Limit for the whole run'),
    concurrency: ZConcurrency.optional(),
    retryPolicy: ZRetryPolicy.optional().describe('Default retry policy for every step'),
    placementTimeout: ZPlacementTimeout.optional().describe(
      'Default placementTimeout of every command and parallel step (default 30s)',
    ),
    metadata: ZWorkflowMetadata.optional(),
    canvas: z
      .strictObject({ notes: z.array(ZCanvasNote).optional() })
      .optional()
      .describe('Editor-only data'),
  })
  .describe('A Relayflow workflow: a DAG of steps run against devices')

export type TWorkflowDefinition = z.output<typeof ZWorkflowDefinition>
/** The document as written by people (defaults not yet applied). */
export type TWorkflowDefinitionInput = z.input<typeof ZWorkflowDefinition>
