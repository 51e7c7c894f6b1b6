// The step type registry: the palette order, the schema union and the validator all read this list.
import { z } from 'zod'
import { commandStep } from './command/definition'
import { conditionStep } from './condition/definition'
import type { StepTypeDefinition } from './define-step'
import { failStep } from './fail/definition'
import { parallelStep } from './parallel/definition'
import { transformStep } from './transform/definition'
import { waitStep } from './wait/definition'
import { webhookStep } from './webhook/definition'
import { workflowStep } from './workflow/definition'

/** Ordered as the palette shows them. Adding a step type: one file here plus one entry. */
export const stepTypes = [
  commandStep,
  conditionStep,
  parallelStep,
  waitStep,
  webhookStep,
  transformStep,
  workflowStep,
  failStep,
] as const

export type StepType = (typeof stepTypes)[number]['type']
export type AnyStepTypeDefinition = StepTypeDefinition<string, z.ZodRawShape>

type StepSchemas<T extends readonly unknown[]> = {
  -readonly [K in keyof T]: T[K] extends { stepSchema: infer S } ? S : never
}

const stepSchemas = stepTypes.map((definition) => definition.stepSchema) as StepSchemas<typeof stepTypes>

export const ZWorkflowStep = z.discriminatedUnion('type', stepSchemas).describe('A workflow step')
export type TWorkflowStep = z.output<typeof ZWorkflowStep>
export type TWorkflowStepInput = z.input<typeof ZWorkflowStep>

export const STEP_TYPE_NAMES: readonly StepType[] = stepTypes.map((definition) => definition.type)

const byType = new Map<string, AnyStepTypeDefinition>(
  stepTypes.map((definition) => [definition.type, definition as unknown as AnyStepTypeDefinition]),
)

export function getStepType(type: string): AnyStepTypeDefinition | undefined {
  return byType.get(type)
}

export function isStepType(type: unknown): type is StepType {
  return typeof type === 'string' && byType.has(type)
}

/** True for step types decided in-process with no device round trip (condition, transform). */
export function isInProcessStepType(type: string): boolean {
  return byType.get(type)?.inProcess === true
}
