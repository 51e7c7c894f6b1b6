// `parallel`: fan one action out over every matching device or over every item of a list.
import { z } from 'zod'
import { ZDeviceTarget, ZPlacementTimeout } from '@/server/engine/device-target'
import { ZJsonValue } from '@/server/engine/json-value'
import { parseTemplate } from '@/server/engine/templating'
import { DEFAULT_STEP_TIMEOUT_MS } from '@/server/engine/step-timeouts'
import { ZActionParams } from '../command/definition'
import { ZAction, collectTemplateStrings, defineStep, type TemplateField } from '../define-step'

export const ZFailureTolerance = z
  .union([
    z.strictObject({ count: z.number().int().min(0).describe('Failed branches tolerated') }),
    z.strictObject({
      percent: z.number().min(0).max(100).describe('Failed branches tolerated, in percent of all branches'),
    }),
  ])
  .describe('How many branches may fail before the step fails (default: none)')

export const parallelStep = defineStep({
  type: 'parallel',
  label: 'Parallel',
  description: 'Run an action on every matching device or for every item of a list',
  icon: 'split',
  glyph: '||',
  outgoing: ['success', 'failure', 'always'],
  schema: z.strictObject({
    action: ZAction,
    params: ZActionParams.optional().describe(
      'Action parameters; with over=items, item and index are in scope',
    ),
    target: ZDeviceTarget.optional().describe(
      'Where to run; with over=items it is rendered per item (item, index and inputs in scope)',
    ),
    over: z
      .enum(['devices', 'items'])
      .default('devices')
      .describe('devices: one branch per matching device; items: one per item'),
    items: z
      .union([z.string().describe('A {{ expression }} yielding a list'), z.array(ZJsonValue)])
      .optional()
      .describe('The list to fan out over (required when over is items)'),
    maxConcurrency: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe('Branches running at once (default unlimited)'),
    failureTolerance: ZFailureTolerance.optional(),
    allowEmpty: z
      .boolean()
      .optional()
      .describe(
        'over=devices: succeed with no branches when no device matches (default false: the step fails with no_capable_device)',
      ),
    placementTimeout: ZPlacementTimeout.optional(),
  }),
  defaults: () => ({ action: 'system.info', over: 'devices' as const, target: { selector: { tags: [] } } }),
  validate: (step, ctx) => {
    if (step.over === 'items' && step.items === undefined) {
      return [
        ctx.report(
          'invalid_step_params',
          'A parallel step over items needs "items": a list or a {{ expression }} yielding one.',
          ['items'],
        ),
      ]
    }
    if (step.over === 'devices' && step.items !== undefined) {
      return [
        ctx.report(
          'invalid_step_params',
          '"items" is only used when "over" is "items"; set over to "items" or remove items.',
          ['items'],
        ),
      ]
    }
    if (step.over === 'items' && step.allowEmpty !== undefined) {
      return [
        ctx.report(
          'invalid_step_params',
          '"allowEmpty" is only used when "over" is "devices" (an empty items list always succeeds); remove it.',
          ['allowEmpty'],
        ),
      ]
    }
    if (typeof step.items === 'string') {
      const parsed = parseTemplate(step.items)
      const single = parsed.ok && parsed.segments.length === 1 && parsed.segments[0]?.kind === 'expression'
      if (parsed.ok && !single) {
        return [
          ctx.report(
            'invalid_step_params',
            'A string "items" must be exactly one {{ expression }} that yields a list, e.g. "{{ inputs.hosts }}".',
            ['items'],
          ),
        ]
      }
    }
    return []
  },
  templateFields: (step) => {
    const out: TemplateField[] = []
    const itemScope = step.over === 'items'
    collectTemplateStrings(step.params, ['params'], out, itemScope)
    collectTemplateStrings(step.target, ['target'], out, itemScope)
    if (typeof step.items === 'string') out.push({ path: ['items'], value: step.items })
    else collectTemplateStrings(step.items, ['items'], out)
    return out
  },
  timing: { defaultTimeoutMs: () => DEFAULT_STEP_TIMEOUT_MS },
  summary: (step) => {
    const over = step.over === 'items' ? 'items' : 'devices'
    return [
      { label: 'action', value: step.action },
      { label: 'over', value: step.maxConcurrency ? `${over}, ${step.maxConcurrency} at once` : over },
    ]
  },
})
