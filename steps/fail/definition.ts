// `fail`: end the run as failed with an error code and message (Step Functions' Fail state), so a
// handler path can clean up or notify and still fail the run. Decided in-process, no device.
import { z } from 'zod'
import { CONDITION_TIMEOUT_MS } from '@/server/engine/step-timeouts'
import { defineStep } from '../define-step'

/** What a literal code (one without {{ }}) must look like: the shape of the error codes Relayflow uses. */
export const FAIL_CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_.:-]*$/
export const MAX_FAIL_CODE_LENGTH = 100
export const MAX_FAIL_MESSAGE_LENGTH = 2000

export const ZFailError = z
  .strictObject({
    code: z
      .string()
      .trim()
      .min(1)
      .max(MAX_FAIL_CODE_LENGTH)
      .describe('The run error code, e.g. deploy_failed; may contain {{ }} templates'),
    message: z
      .string()
      .trim()
      .min(1)
      .max(MAX_FAIL_MESSAGE_LENGTH)
      .describe('What went wrong and what to do; may contain {{ }} templates'),
  })
  .describe('The error the run fails with')

export const failStep = defineStep({
  type: 'fail',
  label: 'Fail',
  description: 'End the run as failed with an error code and message',
  icon: 'octagon-x',
  glyph: '⛔',
  // It ends the run: nothing can follow it.
  outgoing: [],
  inProcess: true,
  schema: z.strictObject({ error: ZFailError }),
  defaults: () => ({
    error: { code: 'workflow_failed', message: 'Run {{ run.id }} stopped at a fail step.' },
  }),
  validate: (step, ctx) => {
    const { code } = step.error
    if (code.includes('{{') || FAIL_CODE_PATTERN.test(code)) return []
    return [
      ctx.report(
        'invalid_step_params',
        `"${code}" is not an error code; use letters, digits and _ . : - starting with a letter, e.g. "deploy_failed".`,
        ['error', 'code'],
      ),
    ]
  },
  templateFields: (step) => [
    { path: ['error', 'code'], value: step.error.code },
    { path: ['error', 'message'], value: step.error.message },
  ],
  timing: { defaultTimeoutMs: () => CONDITION_TIMEOUT_MS },
  inspector: [
    {
      kind: 'note',
      text: 'Ends the run as failed with this error, whatever else is running. Put it after a handler to notify and still fail the run.',
    },
    {
      kind: 'template',
      path: ['error', 'code'],
      label: 'Error code',
      placeholder: 'deploy_failed',
      hint: "The run's error code, e.g. deploy_failed; may contain {{ expressions }}.",
    },
    {
      kind: 'template',
      path: ['error', 'message'],
      label: 'Error message',
      placeholder: 'Deploy of {{ inputs.version }} failed: {{ steps.deploy.error.message }}',
      hint: 'What went wrong and what to do; may contain {{ expressions }}.',
    },
  ],
  summary: (step) => [{ label: 'fails with', value: (step.error as Partial<typeof step.error> | undefined)?.code }],
})
