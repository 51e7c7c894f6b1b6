// Checks an expression or a `{{ }}` template as the user types, with the engine's own
// parser, and says where the error is (1-based column, for the message under the field).
import { compileExpression } from '@/server/engine/expressions'
import { hasTemplate, parseTemplate } from '@/server/engine/templating'

export interface TextProblem {
  message: string
  /** Character offsets in the checked text. */
  start: number
  end: number
}

/** A bare CEL expression (a condition). */
export function checkExpressionText(text: string): TextProblem | undefined {
  const compiled = compileExpression(text)
  if (compiled.ok) return undefined
  return { message: compiled.message, start: compiled.range.start, end: compiled.range.end }
}

/** A string that may hold `{{ expression }}` parts (URLs, params, prompts). */
export function checkTemplateText(text: string): TextProblem | undefined {
  if (!hasTemplate(text)) return undefined
  const parsed = parseTemplate(text)
  if (!parsed.ok) return { message: parsed.message, start: parsed.range.start, end: parsed.range.end }
  for (const segment of parsed.segments) {
    if (segment.kind !== 'expression') continue
    const compiled = compileExpression(segment.source)
    if (!compiled.ok) {
      return {
        message: compiled.message,
        start: segment.start + compiled.range.start,
        end: segment.start + compiled.range.end,
      }
    }
  }
  return undefined
}

/** "at column 7" (and "–9" when the range is wider than one character). */
export function describePosition(problem: { start: number; end: number }): string {
  const from = problem.start + 1
  return problem.end - problem.start > 1 ? `columns ${from}–${problem.end}` : `column ${from}`
}
