// defineStep: each step type is declared once (schema, defaults, edges it offers, extra
// validation, template-capable fields, timing, palette entry, inspector fields, node summary);
// the schema union, validator, runner, inspector, canvas and palette read it. Pure: no I/O.
import { z } from 'zod'
import { ACTION_NAME_MAX_LENGTH, ACTION_NAME_RULE, ACTION_PATTERN } from '@/contracts/action-name'
import { stepCommonShape, type TEdgeKind } from '@/server/engine/step-common'
import { issue, type WorkflowIssue, type WorkflowIssueCode } from '@/server/engine/workflow-issues'
import type { InspectorField, NodeSummaryLine } from './step-presentation'

export type Path = (string | number)[]

/** A string field of a step that may hold `{{ }}` templates. Paths are relative to the step. */
export interface TemplateField {
  path: Path
  value: string
  /** True where `item` and `index` are in scope (params of a parallel step over items). */
  itemScope?: boolean
}

/** A string field of a step that is a bare CEL expression (no `{{ }}`), e.g. a condition. */
export interface ExpressionField {
  path: Path
  value: string
}

export interface StepValidationContext {
  stepId: string
  /** Path of the step in the document, e.g. ['steps', 3]. */
  stepPath: Path
  report(
    code: WorkflowIssueCode,
    message: string,
    relativePath: Path,
    severity?: 'error' | 'warning',
  ): WorkflowIssue
}

type FullShape<TType extends string, TShape extends z.ZodRawShape> = {
  type: z.ZodLiteral<TType>
} & typeof stepCommonShape &
  TShape

export type StepSchema<TType extends string, TShape extends z.ZodRawShape> = z.ZodObject<
  FullShape<TType, TShape>,
  z.core.$strict
>

/** How long one attempt of a step may take, and whether running out of it is retried (a step timeout is). */
export interface AttemptLimit {
  ms: number
  retried: boolean
}

/** Where a timing warning points and what it advises, when the type's own end (not its timeout) binds. */
export interface OwnEndAdvice {
  field: Path
  advice: string
}

type StepOf<TType extends string, TShape extends z.ZodRawShape> = z.output<StepSchema<TType, TShape>>

export interface StepTiming<TStep> {
  /** The runner's limit for one attempt when the step sets no `timeout`; undefined when the type has its own deadline. */
  defaultTimeoutMs: (step: TStep) => number | undefined
  /**
   * The attempt limit the timing check assumes, given the step's own `timeout` (ms, if set).
   * Without it: the step's timeout, or unbounded.
   */
  attemptLimit?: (step: TStep, ownTimeoutMs: number | undefined) => AttemptLimit | undefined
  /** When the type ends itself (a wait's duration), where the warning points and what it advises. */
  ownEnd?: (step: TStep) => OwnEndAdvice | undefined
}

export interface StepTypeSpec<TType extends string, TShape extends z.ZodRawShape> {
  type: TType
  label: string
  description: string
  /** Icon name for the palette and canvas node (lucide-style name). */
  icon: string
  /** The text glyph drawn for the icon (no icon package is installed). */
  glyph: string
  /** Outgoing edge kinds this step type offers. */
  outgoing: readonly TEdgeKind[]
  /**
   * Decided in the runner's own process from the run's data alone, with no device or network
   * round trip (condition, transform): a runner may evaluate such steps inline.
   */
  inProcess?: boolean
  /** Zod schema of the type-specific fields. */
  schema: z.ZodObject<TShape, z.core.$strict>
  /** Type-specific fields for a new step dropped on the canvas. */
  defaults(): z.input<z.ZodObject<TShape, z.core.$strict>>
  validate?(step: StepOf<TType, TShape>, ctx: StepValidationContext): WorkflowIssue[]
  templateFields(step: StepOf<TType, TShape>): TemplateField[]
  expressionFields?(step: StepOf<TType, TShape>): ExpressionField[]
  timing: StepTiming<StepOf<TType, TShape>>
  /**
   * The inspector's type-specific fields, rendered by the editor's generic form. A type whose
   * form needs its own logic leaves this out and registers `inspector.tsx` in steps/inspectors.ts.
   */
  inspector?: readonly InspectorField[]
  /**
   * Key parameters shown on the canvas node. The step may be half-edited (the JSON view
   * accepts anything), so read nested fields defensively.
   */
  summary?(step: StepOf<TType, TShape>): NodeSummaryLine[]
}

export interface StepTypeDefinition<
  TType extends string = string,
  TShape extends z.ZodRawShape = z.ZodRawShape,
> extends StepTypeSpec<TType, TShape> {
  /** The complete step schema: `type`, the common fields and the type-specific fields. */
  stepSchema: StepSchema<TType, TShape>
}

export function defineStep<const TType extends string, TShape extends z.ZodRawShape>(
  spec: StepTypeSpec<TType, TShape>,
): StepTypeDefinition<TType, TShape> {
  const shape = { type: z.literal(spec.type), ...stepCommonShape, ...spec.schema.shape } as FullShape<
    TType,
    TShape
  >
  const stepSchema = z.strictObject(shape).describe(`${spec.label}: ${spec.description}`)
  return { ...spec, stepSchema }
}

export function createStepValidationContext(stepId: string, stepPath: Path): StepValidationContext {
  return {
    stepId,
    stepPath,
    report: (code, message, relativePath, severity = 'error') =>
      issue({ code, message, path: [...stepPath, ...relativePath], stepId, severity }),
  }
}

/** Collects every string inside a JSON value (params, body) as a template field. */
export function collectTemplateStrings(
  value: unknown,
  path: Path,
  out: TemplateField[],
  itemScope = false,
): TemplateField[] {
  const stack: { value: unknown; path: Path }[] = [{ value, path }]
  while (stack.length > 0) {
    const next = stack.pop()
    if (!next) break
    const current = next.value
    if (typeof current === 'string') {
      out.push(
        itemScope ? { path: next.path, value: current, itemScope } : { path: next.path, value: current },
      )
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: [...next.path, i] })
    } else if (typeof current === 'object' && current !== null) {
      const entries = Object.entries(current)
      for (let i = entries.length - 1; i >= 0; i--) {
        const entry = entries[i]
        if (entry) stack.push({ value: entry[1], path: [...next.path, entry[0]] })
      }
    }
  }
  return out
}

export { ACTION_PATTERN }

export const ZAction = z
  .string()
  .max(ACTION_NAME_MAX_LENGTH)
  .regex(ACTION_PATTERN, ACTION_NAME_RULE)
  .describe('Device action name, e.g. system.info, http.request, sleep, echo, shell.exec')
