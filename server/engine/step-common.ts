// Fields every step has, whatever its type: identity, edges, join, timeout, retry, variables, position.
import { z } from 'zod'
import { ZDuration } from './duration'
import { ZIdentifier } from './identifier'
import { ZJsonValue } from './json-value'
import { ZRetryPolicyOverride } from './retry-policy'

export const EDGE_KINDS = ['success', 'failure', 'always', 'true', 'false'] as const
export type TEdgeKind = (typeof EDGE_KINDS)[number]

export const ZStepReference = z.string().min(1).describe('A step id')

export const ZDependency = z
  .union([
    ZStepReference.describe('Run after this step succeeds'),
    z
      .strictObject({ step: ZStepReference, on: z.enum(EDGE_KINDS) })
      .describe('Run after this step ends with the given outcome'),
  ])
  .meta({ id: 'Dependency', description: 'An incoming edge' })
export type TDependency = z.infer<typeof ZDependency>

const ZStepReferences = z.union([ZStepReference, z.array(ZStepReference)])

export const ZPosition = z
  .strictObject({ x: z.number(), y: z.number() })
  .meta({ id: 'Position', description: 'Canvas position' })

export const stepCommonShape = {
  id: ZIdentifier.describe('Unique step id, referenced as steps.<id> in expressions'),
  name: z.string().trim().min(1).max(120).describe('Display name'),
  description: z.string().max(2000).optional(),
  dependencies: z
    .array(ZDependency)
    .optional()
    .describe('Incoming edges: a step id (success edge) or { step, on }'),
  onSuccess: ZStepReferences.optional().describe('Steps to run after this step succeeds'),
  onFailure: ZStepReferences.optional().describe('Steps to run after this step fails'),
  join: z.enum(['all', 'any']).default('all').describe('How incoming edges combine'),
  timeout: ZDuration.optional().describe('Limit for one attempt'),
  retryPolicy: ZRetryPolicyOverride.optional(),
  variables: z
    .record(ZIdentifier, ZJsonValue)
    .optional()
    .describe('Step-local variables, merged over workflow variables as vars'),
  position: ZPosition.optional(),
}

export function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return []
  return typeof value === 'string' ? [value] : value
}
