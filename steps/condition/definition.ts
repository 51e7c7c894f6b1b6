// `condition`: a CEL expression that must yield a bool; routes along `true` / `false` edges.
import { z } from 'zod'
import { MAX_EXPRESSION_LENGTH } from '@/server/engine/limits'
import { CONDITION_TIMEOUT_MS } from '@/server/engine/step-timeouts'
import { defineStep } from '../define-step'

export const conditionStep = defineStep({
  type: 'condition',
  label: 'Condition',
  description: 'Branch on a CEL expression (true / false edges)',
  icon: 'git-branch',
  glyph: '?',
  outgoing: ['true', 'false', 'failure', 'always'],
  inProcess: true,
  schema: z.strictObject({
    expression: z
      .string()
      .min(1)
      .max(MAX_EXPRESSION_LENGTH)
      .describe('CEL expression yielding a bool, e.g. steps.check.output.status == 200 (no {{ }})'),
  }),
  defaults: () => ({ expression: 'true' }),
  validate: (step, ctx) => {
    const trimmed = step.expression.trim()
    if (trimmed.startsWith('{{') && trimmed.endsWith('}}')) {
      return [
        ctx.report(
          'invalid_expression',
          'A condition is a bare CEL expression; remove the surrounding {{ }}.',
          ['expression'],
        ),
      ]
    }
    return []
  },
  templateFields: () => [],
  expressionFields: (step) => [{ path: ['expression'], value: step.expression }],
  timing: { defaultTimeoutMs: () => CONDITION_TIMEOUT_MS },
  inspector: [
    {
      kind: 'expression',
      path: ['expression'],
      label: 'Expression (CEL)',
      placeholder: 'steps.check.output.status == 200',
      hint: 'Must yield true or false; routes along the true / false outputs.',
    },
  ],
  summary: (step) => [{ label: 'if', value: step.expression }],
})
