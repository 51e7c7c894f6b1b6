// Static checks of `{{ }}` templates and condition expressions: syntax (with ranges) and
// references to inputs, vars, steps, secrets, item and index that cannot resolve at run time.
// Secret names are checked against the store by the pre-flight (server/secrets/secret-preflight.ts).
import { compileExpression, type CompiledExpression, type SourceRange } from './expressions'
import type { ExpressionReference } from './expression-references'
import { getStepType } from '@/steps/registry'
import type { TWorkflowStep } from '@/steps/registry'
import { hasTemplate, parseTemplate } from './templating'
import { issue, type WorkflowIssue, type WorkflowIssueCode } from './workflow-issues'

type Path = (string | number)[]

export interface ExpressionScope {
  /** Declared input names; undefined when the workflow declares no inputs. */
  inputNames: ReadonlySet<string> | undefined
  workflowVars: ReadonlySet<string>
  stepIds: ReadonlySet<string>
  /** True when `candidate` is an ancestor of `stepId`; undefined when unknown (cycles). */
  isUpstream(stepId: string, candidate: string): boolean | undefined
}

interface FieldContext {
  step: TWorkflowStep
  path: Path
  itemScope: boolean
  /** Secrets are resolved only for a command's params and a webhook's request, at dispatch. */
  secretsAllowed: boolean
  stepVars: ReadonlySet<string>
  scope: ExpressionScope
  out: WorkflowIssue[]
}

function list(names: Iterable<string>): string {
  const all = [...names]
  if (all.length === 0) return 'none'
  return all.length > 12 ? `${all.slice(0, 12).join(', ')}, …` : all.join(', ')
}

function report(ctx: FieldContext, code: WorkflowIssueCode, message: string, range: SourceRange) {
  ctx.out.push(issue({ code, message, path: ctx.path, stepId: ctx.step.id, range }))
}

/**
 * A secret may only be used whole: `{{ secrets.NAME }}` alone in its `{{ }}` (the field may hold
 * other text around it). Anything computed from it (`.lowerAscii()`, `.substring(1)`, a
 * comparison) would carry the secret in a form masking cannot recognise.
 */
export function isWholeSecretReference(source: string, ref: ExpressionReference): boolean {
  return (
    ref.root === 'secrets' &&
    ref.name !== undefined &&
    source.slice(ref.range.start, ref.range.end) === source.trim()
  )
}

type ReferenceCheck = (
  ref: ExpressionReference,
  range: SourceRange,
  ctx: FieldContext,
  source?: string,
) => void

function checkInputReference({ name }: ExpressionReference, range: SourceRange, ctx: FieldContext) {
  const { inputNames } = ctx.scope
  if (name === undefined || inputNames?.has(name)) return
  const declared = inputNames ? `declared inputs: ${list(inputNames)}` : 'this workflow declares no inputs'
  report(
    ctx,
    'unknown_input',
    `"inputs.${name}" is not a declared input (${declared}); add it under inputs.properties or fix the name.`,
    range,
  )
}

function checkVariableReference({ name }: ExpressionReference, range: SourceRange, ctx: FieldContext) {
  const { workflowVars } = ctx.scope
  if (name === undefined || workflowVars.has(name) || ctx.stepVars.has(name)) return
  report(
    ctx,
    'unknown_variable',
    `"vars.${name}" is not defined (variables: ${list([...workflowVars, ...ctx.stepVars])}); add it to the workflow or step variables.`,
    range,
  )
}

/** The step must exist and be upstream; an unknown answer (a cycle, reported elsewhere) passes. */
function checkStepReference({ name }: ExpressionReference, range: SourceRange, ctx: FieldContext) {
  if (name === undefined) return
  const { scope, step } = ctx
  if (!scope.stepIds.has(name)) {
    report(
      ctx,
      'unknown_step_reference',
      `"steps.${name}" refers to a step that does not exist; check the step id.`,
      range,
    )
  } else if (scope.isUpstream(step.id, name) === false) {
    report(
      ctx,
      'step_not_upstream',
      `Step "${step.id}" reads steps.${name}, but "${name}" is not upstream of it, so it may not have run yet; add a dependency on "${name}" (directly or through another step).`,
      range,
    )
  }
}

function checkItemReference({ root }: ExpressionReference, range: SourceRange, ctx: FieldContext) {
  if (ctx.itemScope) return
  report(
    ctx,
    'item_outside_parallel',
    `"${root}" is only available in the params of a parallel step with over: "items".`,
    range,
  )
}

/** Only where secrets are resolved at dispatch, and only whole (see isWholeSecretReference). */
function checkSecretReference(
  ref: ExpressionReference,
  range: SourceRange,
  ctx: FieldContext,
  source?: string,
) {
  const { name } = ref
  if (!ctx.secretsAllowed) {
    report(
      ctx,
      'secret_not_allowed',
      `"secrets.${name ?? ''}" can only be used in a command step's params or a webhook step's request; move it there.`,
      range,
    )
  } else if (source !== undefined && !isWholeSecretReference(source, ref)) {
    report(
      ctx,
      'secret_not_allowed',
      `Step "${ctx.step.id}" uses a secret in "{{ ${source.trim()} }}": a secret can only be used whole, as {{ secrets.${name ?? 'NAME'} }} (alone or inside a string), since a value computed from it would not be masked. Pass it whole and transform it on the device.`,
      range,
    )
  }
}

function reportUnknownName({ name }: ExpressionReference, range: SourceRange, ctx: FieldContext) {
  report(
    ctx,
    'invalid_expression',
    `Unknown name "${name ?? ''}"; expressions can read inputs, vars, steps and run (and item, index in a parallel step over items; secrets in command params and webhook requests).`,
    range,
  )
}

/** How each root is checked; `run` always resolves. */
const REFERENCE_CHECKS: Record<ExpressionReference['root'], ReferenceCheck> = {
  inputs: checkInputReference,
  vars: checkVariableReference,
  steps: checkStepReference,
  item: checkItemReference,
  index: checkItemReference,
  secrets: checkSecretReference,
  run: () => {},
  unknown: reportUnknownName,
}

/** `offset` maps the expression's ranges into the field; `source` is set for a template's `{{ }}`. */
function checkReferences(program: CompiledExpression, offset: number, ctx: FieldContext, source?: string) {
  for (const ref of program.references()) {
    const range = { start: ref.range.start + offset, end: ref.range.end + offset }
    REFERENCE_CHECKS[ref.root](ref, range, ctx, source)
  }
}

function checkTemplate(value: string, ctx: FieldContext) {
  if (!hasTemplate(value)) return
  const parsed = parseTemplate(value)
  if (!parsed.ok) {
    report(
      ctx,
      parsed.message.startsWith('Unterminated') ? 'unterminated_template' : 'invalid_expression',
      parsed.message,
      parsed.range,
    )
    return
  }
  for (const segment of parsed.segments) {
    if (segment.kind !== 'expression') continue
    const compiled = compileExpression(segment.source)
    if (!compiled.ok) {
      const range = { start: compiled.range.start + segment.start, end: compiled.range.end + segment.start }
      report(ctx, 'invalid_expression', `In {{ ${segment.source} }}: ${compiled.message}`, range)
      continue
    }
    checkReferences(compiled.program, segment.start, ctx, segment.source)
  }
}

function checkCondition(value: string, ctx: FieldContext) {
  const compiled = compileExpression(value)
  if (!compiled.ok) {
    report(ctx, 'invalid_expression', compiled.message, compiled.range)
    return
  }
  const type = compiled.program.type
  if (type !== 'bool' && type !== 'dyn') {
    report(
      ctx,
      'invalid_expression',
      `A condition must yield true or false, but this expression yields ${type}; compare it, e.g. "... == 200".`,
      { start: 0, end: value.length },
    )
  }
  checkReferences(compiled.program, 0, ctx)
}

function isSecretField(step: TWorkflowStep, path: Path): boolean {
  return (
    (step.type === 'command' && path[0] === 'params') || (step.type === 'webhook' && path[0] === 'request')
  )
}

/** Every template and expression problem of one parsed step. */
export function validateStepExpressions(
  step: TWorkflowStep,
  stepPath: Path,
  scope: ExpressionScope,
): WorkflowIssue[] {
  const definition = getStepType(step.type)
  if (!definition) return []
  const out: WorkflowIssue[] = []
  const stepVars = new Set(Object.keys(step.variables ?? {}))
  for (const field of definition.templateFields(step)) {
    checkTemplate(field.value, {
      step,
      path: [...stepPath, ...field.path],
      itemScope: field.itemScope === true,
      secretsAllowed: isSecretField(step, field.path),
      stepVars,
      scope,
      out,
    })
  }
  for (const field of definition.expressionFields?.(step) ?? []) {
    checkCondition(field.value, {
      step,
      path: [...stepPath, ...field.path],
      itemScope: false,
      secretsAllowed: false,
      stepVars,
      scope,
      out,
    })
  }
  return out
}
