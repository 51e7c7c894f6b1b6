// `workflow`: run another saved workflow as a child run and wait for it; the child's `outputs`
// become this step's output. Cycles and nesting depth are checked at save (server/workflows).
import { z } from 'zod'
import { ZJsonValue } from '@/server/engine/json-value'
import { collectTemplateStrings, defineStep, type TemplateField } from '../define-step'

export const ZWorkflowCall = z
  .strictObject({
    id: z.string().trim().max(100).describe('Id of the workflow to run'),
    version: z
      .union([z.number().int().min(1), z.literal('latest')])
      .default('latest')
      .describe('A pinned version number, or "latest" (the newest version when the step starts)'),
  })
  .describe('The workflow this step runs as a child run')

export const workflowStep = defineStep({
  type: 'workflow',
  label: 'Workflow',
  description: 'Run another workflow and wait for it; its outputs become this step’s output',
  icon: 'workflow',
  glyph: '⧉',
  outgoing: ['success', 'failure', 'always'],
  schema: z.strictObject({
    workflow: ZWorkflowCall,
    inputs: z
      .record(z.string().min(1), ZJsonValue)
      .default({})
      .describe('Inputs of the child run; strings may contain {{ }} templates'),
  }),
  defaults: () => ({ workflow: { id: '', version: 'latest' as const }, inputs: {} }),
  validate: (step, ctx) =>
    step.workflow.id === ''
      ? [ctx.report('invalid_step_params', 'Pick the workflow this step runs.', ['workflow', 'id'])]
      : [],
  templateFields: (step) => collectTemplateStrings(step.inputs, ['inputs'], [] as TemplateField[]),
  timing: {
    // The child run has its own timeout; the step's `timeout`, if set, bounds the wait.
    defaultTimeoutMs: () => undefined,
    attemptLimit: (_step, own) => (own === undefined ? undefined : { ms: own, retried: true }),
  },
  inspector: [
    { kind: 'workflow', path: ['workflow'], label: 'Workflow' },
    {
      kind: 'json',
      path: ['inputs'],
      label: 'Inputs (JSON object)',
      objectOnly: true,
      rows: 4,
      hint: 'Input name → value; strings may contain {{ expressions }}. Checked against the workflow’s inputs when the step starts.',
    },
  ],
  summary: (step) => {
    const call = step.workflow as Partial<typeof step.workflow> | undefined
    return [
      { label: 'runs', value: call?.id || undefined },
      { label: 'version', value: call?.version ?? 'latest' },
    ]
  },
})
