// Computing a transform step's output: every string of its output map rendered as a template
// against the run context, in-process. Pure, so a runner may decide transforms inline.
import { prepareContext, type ExpressionContext, type PreparedContext } from '../expressions'
import { describePath, jsonByteLength } from '@/contracts/json-guard'
import type { JsonValue } from '../json-value'
import { renderTemplate, TemplateError } from '../templating'
import type { StepError } from './run-status'

type Path = (string | number)[]

export type TransformDecision =
  { ok: true; output: Record<string, unknown> } | { ok: false; error: StepError }

/**
 * Renders the output map: a string that is exactly one `{{ expr }}` keeps the value's type, other
 * strings with templates become strings, everything else is kept. Errors name the output path.
 */
export function evaluateTransform(
  output: Record<string, JsonValue>,
  context: ExpressionContext | PreparedContext,
): Record<string, unknown> {
  const prepared = prepareContext(context)
  const visit = (value: unknown, path: Path): unknown => {
    if (typeof value === 'string') return renderAt(value, path, prepared)
    if (Array.isArray(value)) return value.map((item, i) => visit(item, [...path, i]))
    if (typeof value === 'object' && value !== null)
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, visit(item, [...path, key])]),
      )
    return value
  }
  return Object.fromEntries(
    Object.entries(output).map(([key, value]) => [key, visit(value, ['output', key])]),
  )
}

function renderAt(text: string, path: Path, context: PreparedContext): unknown {
  try {
    return renderTemplate(text, context)
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error
    const message = `${describePath(path)}: ${error.message}`
    throw new TemplateError(message, error.template, error.expression, error.range, error)
  }
}

/**
 * The outcome of a transform step: its output, or a non-retryable failure when a template fails
 * (the same data gives the same error) or the output is larger than `maxOutputBytes`.
 */
export function decideTransform(
  step: { id: string; output: Record<string, JsonValue> },
  context: ExpressionContext | PreparedContext,
  maxOutputBytes: number,
): TransformDecision {
  let output: Record<string, unknown>
  try {
    output = evaluateTransform(step.output, context)
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error
    return {
      ok: false,
      error: {
        code: error.code,
        message: `Step "${step.id}" could not compute ${error.message}`,
        retryable: false,
      },
    }
  }
  const bytes = jsonByteLength(output)
  if (bytes === undefined || bytes > maxOutputBytes) {
    return {
      ok: false,
      error: {
        code: 'output_too_large',
        message: `Step "${step.id}" computed an output of ${bytes ?? 'unknown'} bytes, more than the ${maxOutputBytes}-byte limit; keep only the fields later steps need.`,
        retryable: false,
      },
    }
  }
  return { ok: true, output }
}
