// `wait`: pause for a duration, until a point in time, or until a named signal (e.g. an approval) arrives.
import { z } from 'zod'
import { tryParseDuration, ZDuration } from '@/server/engine/duration'
import { ZIdentifier } from '@/server/engine/identifier'
import { defineStep, type AttemptLimit, type TemplateField } from '../define-step'

export const ZWaitSpec = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('duration'), duration: ZDuration }),
    z.strictObject({
      kind: z.literal('until'),
      until: z
        .string()
        .min(1)
        .describe('ISO-8601 timestamp with time zone, or a {{ expression }} yielding one'),
    }),
    z.strictObject({
      kind: z.literal('signal'),
      signal: ZIdentifier.describe('Signal name that resumes the step, e.g. approval'),
      prompt: z.string().max(2000).optional().describe('Shown to the person who resumes the step'),
      timeout: ZDuration.optional().describe('Fail the step if no signal arrives in time'),
    }),
  ])
  .describe('What to wait for')

/** ISO-8601 date-time with an explicit zone, e.g. 2030-01-01T09:00:00Z or 2030-01-01T09:00:00+02:00. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

export function isIsoTimestamp(value: string): boolean {
  return ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value))
}

type TWaitSpec = z.output<typeof ZWaitSpec>

/**
 * A wait ends at whichever comes first: its own end (a duration passes and it succeeds; a signal's
 * `wait.timeout` fails it for good, never retried) or the step timeout (a retryable `timeout`).
 */
function waitLimit(wait: TWaitSpec, own: number | undefined): AttemptLimit | undefined {
  const natural =
    wait.kind === 'duration'
      ? tryParseDuration(wait.duration)
      : wait.kind === 'signal'
        ? tryParseDuration(wait.timeout)
        : undefined
  if (own !== undefined && (natural === undefined || own < natural)) return { ms: own, retried: true }
  return natural === undefined ? undefined : { ms: natural, retried: false }
}

function waitSummary(wait: TWaitSpec | undefined): string | undefined {
  if (!wait || typeof wait !== 'object') return undefined
  if (wait.kind === 'duration') return `for ${String(wait.duration)}`
  if (wait.kind === 'until') return `until ${wait.until}`
  if (wait.kind === 'signal') return `signal "${wait.signal}"`
  return undefined
}

export const waitStep = defineStep({
  type: 'wait',
  label: 'Wait',
  description: 'Wait for a duration, until a time, or for a signal such as an approval',
  icon: 'hourglass',
  glyph: '…',
  outgoing: ['success', 'failure', 'always'],
  schema: z.strictObject({ wait: ZWaitSpec }),
  defaults: () => ({ wait: { kind: 'duration' as const, duration: '1m' } }),
  validate: (step, ctx) => {
    const spec = step.wait
    if (spec.kind === 'until' && !spec.until.includes('{{') && !isIsoTimestamp(spec.until)) {
      return [
        ctx.report(
          'invalid_step_params',
          `"${spec.until}" is not an ISO-8601 timestamp; use a form like "2030-01-01T09:00:00Z" or a {{ expression }}.`,
          ['wait', 'until'],
        ),
      ]
    }
    return []
  },
  templateFields: (step) => {
    const out: TemplateField[] = []
    if (step.wait.kind === 'until') out.push({ path: ['wait', 'until'], value: step.wait.until })
    if (step.wait.kind === 'signal' && step.wait.prompt !== undefined)
      out.push({ path: ['wait', 'prompt'], value: step.wait.prompt })
    return out
  },
  timing: {
    // A wait has its own deadline (its duration, time or signal timeout); the runner sets none.
    defaultTimeoutMs: () => undefined,
    attemptLimit: (step, own) => waitLimit(step.wait, own),
    ownEnd: (step) => ({
      field: ['wait', step.wait.kind === 'duration' ? 'duration' : 'timeout'],
      advice: 'shorten the wait or raise the workflow timeout',
    }),
  },
  summary: (step) => [{ label: 'wait', value: waitSummary(step.wait) }],
})
