// `command`: run one device action on one device chosen by the target.
import { z } from 'zod'
import { ZDeviceTarget, ZPlacementTimeout } from '@/server/engine/device-target'
import { ZJsonValue } from '@/server/engine/json-value'
import { DEFAULT_STEP_TIMEOUT_MS } from '@/server/engine/step-timeouts'
import { ZAction, collectTemplateStrings, defineStep, type TemplateField } from '../define-step'
import type { InspectorField } from '../step-presentation'

export const ZActionParams = z.record(z.string(), ZJsonValue).meta({
  id: 'ActionParams',
  description: 'Action parameters; any string may contain {{ expression }} templates',
})

/** The action, its params, the device target and placement timeout: the inspector fields command and parallel share. */
export const actionInspectorFields: readonly InspectorField[] = [
  {
    kind: 'action',
    path: ['action'],
    label: 'Action',
    placeholder: 'system.info',
    hint: 'A device action, e.g. echo, system.info, http.request, sleep.',
  },
  {
    kind: 'action-params',
    path: ['params'],
    actionPath: ['action'],
    label: 'Params',
    hint: 'Strings may contain {{ expressions }}, e.g. {{ inputs.version }}.',
  },
  { kind: 'target', path: ['target'] },
  {
    kind: 'duration',
    path: ['placementTimeout'],
    label: 'Placement timeout',
    placeholder: 'workflow default (30s)',
    hint: 'How long the step waits for a capable online device before it fails with no_capable_device.',
  },
]

/** The device target in a few words for a canvas node: `device d1`, `#edge gpu (spread)`, `any device`. */
export function summarizeTarget(target: unknown): string | undefined {
  if (typeof target !== 'object' || target === null) return undefined
  const t = target as { deviceId?: string; selector?: { tags?: string[]; capabilities?: string[] }; strategy?: string }
  if (t.deviceId) return `device ${t.deviceId}`
  const parts = [...(t.selector?.tags ?? []).map((x) => `#${x}`), ...(t.selector?.capabilities ?? [])]
  const who = parts.length > 0 ? parts.join(' ') : 'any device'
  return t.strategy ? `${who} (${t.strategy})` : who
}

export const commandStep = defineStep({
  type: 'command',
  label: 'Command',
  description: 'Run an action on a device',
  icon: 'terminal',
  glyph: '>_',
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
  timing: { defaultTimeoutMs: () => DEFAULT_STEP_TIMEOUT_MS },
  inspector: actionInspectorFields,
  summary: (step) => [
    { label: 'action', value: step.action },
    { label: 'on', value: summarizeTarget(step.target) },
  ],
})
