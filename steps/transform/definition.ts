// `transform`: an output object built from `{{ }}` templates over inputs, vars, steps and run,
// computed in the runner's own process with no device round trip (Step Functions' Pass state
// with parameters, n8n's Set node).
import { z } from 'zod'
import { ZJsonValue } from '@/server/engine/json-value'
import { CONDITION_TIMEOUT_MS } from '@/server/engine/step-timeouts'
import { collectTemplateStrings, defineStep, type TemplateField } from '../define-step'
import { summarizeOutput } from './output-edits'

export const ZTransformOutput = z.record(z.string().min(1).max(200), ZJsonValue).meta({
  id: 'TransformOutput',
  description:
    'The step output: any JSON object. Every string may hold {{ expression }} templates; a string that is exactly one {{ expression }} becomes the typed value (number, bool, list, map), other strings stay strings.',
})

/** A whole string that reads like a bare reference (`inputs.a`, `steps.x.output.y`): probably meant as `{{ }}`. */
const BARE_REFERENCE = /^\s*(inputs|vars|steps|run)(\.[A-Za-z_][A-Za-z0-9_]*)+\s*$/

export const transformStep = defineStep({
  type: 'transform',
  label: 'Transform',
  description: 'Compute an output from inputs, vars and earlier steps (no device)',
  icon: 'shuffle',
  glyph: '{}',
  outgoing: ['success', 'failure', 'always'],
  inProcess: true,
  schema: z.strictObject({ output: ZTransformOutput }),
  defaults: () => ({ output: { runId: '{{ run.id }}' } }),
  validate: (step, ctx) =>
    collectTemplateStrings(step.output, ['output'], [])
      .filter((field) => !field.value.includes('{{') && BARE_REFERENCE.test(field.value))
      .map((field) =>
        ctx.report(
          'invalid_step_params',
          `"${field.value.trim()}" is kept as literal text; write {{ ${field.value.trim()} }} to read the value.`,
          field.path,
          'warning',
        ),
      ),
  templateFields: (step) => collectTemplateStrings(step.output, ['output'], [] as TemplateField[]),
  timing: { defaultTimeoutMs: () => CONDITION_TIMEOUT_MS },
  summary: (step) => [{ label: 'sets', value: summarizeOutput(step.output) }],
})
