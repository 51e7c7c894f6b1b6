// `command`: run one device action on one device chosen by the target.
import { z } from 'zod'
import { ZDeviceTarget, ZPlacementTimeout } from '../device-target'
import { ZJsonValue } from '../json-value'
import { ZAction, collectTemplateStrings, defineStep, type TemplateField } from './define-step'

export const ZActionParams = z.record(z.string(), ZJsonValue).meta({
  id: 'ActionParams',
  description: 'Action parameters; any string may contain {{ expression }} templates',
})

export const commandStep = defineStep({
  type: 'command',
  label: 'Command',
  description: 'Run an action on a device',
  icon: 'terminal',
  outgoing: ['success', 'failure', 'always'],
  schema: z.strictObject({
    action: ZAction,
    params: ZActionParams.optional(),
    target: ZDeviceTarget.optional().describe('Where to run; default: any device that supports the action'),
    placementTimeout: ZPlacementTimeout.optional(),
  }),
  defaults: () => ({ action: 'echo', params: { message: 'Hello from {{ run.id }}' } }),
  templateFields: (step) => {
    const out: TemplateField[] = []
    collectTemplateStrings(step.params, ['params'], out)
    collectTemplateStrings(step.target, ['target'], out)
    return out
  },
})
