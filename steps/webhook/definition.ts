// `webhook`: an outbound HTTP request made by the runner (not by a device).
import { z } from 'zod'
import { parseDuration, tryParseDuration, ZDuration } from '@/server/engine/duration'
import { ZJsonValue } from '@/server/engine/json-value'
import { DEFAULT_WEBHOOK_RESPONSE_BYTES, MAX_WEBHOOK_RESPONSE_BYTES } from '@/server/engine/limits'
import { WEBHOOK_TIMEOUT_MARGIN_MS } from '@/server/engine/step-timeouts'
import { collectTemplateStrings, defineStep, type TemplateField } from '../define-step'

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const

export const ZWebhookRequest = z
  .strictObject({
    method: z.enum(HTTP_METHODS),
    url: z.string().min(1).describe('http(s) URL; may contain {{ }} templates'),
    headers: z.record(z.string().min(1), z.string()).optional(),
    body: ZJsonValue.optional().describe('JSON body, or a string sent as is; strings may contain {{ }}'),
    timeout: ZDuration.default('30s'),
    expectStatus: z
      .array(z.number().int().min(100).max(599))
      .min(1)
      .optional()
      .describe('Accepted statuses (default any 2xx)'),
    responseMaxBytes: z
      .number()
      .int()
      .min(1)
      .max(MAX_WEBHOOK_RESPONSE_BYTES)
      .default(DEFAULT_WEBHOOK_RESPONSE_BYTES),
  })
  .describe('The HTTP request')

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

export const webhookStep = defineStep({
  type: 'webhook',
  label: 'Webhook',
  description: 'Send an HTTP request',
  icon: 'webhook',
  glyph: '⚡',
  outgoing: ['success', 'failure', 'always'],
  schema: z.strictObject({ request: ZWebhookRequest }),
  defaults: () => ({
    request: { method: 'POST' as const, url: 'https://example.com/hook', body: { runId: '{{ run.id }}' } },
  }),
  validate: (step, ctx) => {
    const { url, method, body } = step.request
    const issues = []
    if (!url.includes('{{') && !isHttpUrl(url)) {
      issues.push(
        ctx.report(
          'invalid_step_params',
          `"${url}" is not an http(s) URL; use a full URL such as "https://example.com/hook".`,
          ['request', 'url'],
        ),
      )
    }
    if ((method === 'GET' || method === 'HEAD') && body !== undefined) {
      issues.push(
        ctx.report(
          'invalid_step_params',
          `A ${method} request cannot have a body; remove "body" or use POST.`,
          ['request', 'body'],
        ),
      )
    }
    return issues
  },
  templateFields: (step) => {
    const out: TemplateField[] = [{ path: ['request', 'url'], value: step.request.url }]
    collectTemplateStrings(step.request.headers, ['request', 'headers'], out)
    collectTemplateStrings(step.request.body, ['request', 'body'], out)
    return out
  },
  timing: {
    defaultTimeoutMs: (step) => parseDuration(step.request.timeout) + WEBHOOK_TIMEOUT_MARGIN_MS,
    attemptLimit: (step, own) => {
      const ms = own ?? tryParseDuration(step.request.timeout)
      return ms === undefined ? undefined : { ms, retried: true }
    },
  },
  inspector: [
    { kind: 'select', path: ['request', 'method'], label: 'Method', options: HTTP_METHODS },
    { kind: 'template', path: ['request', 'url'], label: 'URL', placeholder: 'https://example.com/hook' },
    { kind: 'json', path: ['request', 'headers'], label: 'Headers (JSON)', objectOnly: true, rows: 3 },
    { kind: 'json', path: ['request', 'body'], label: 'Body (JSON)' },
    {
      kind: 'list',
      path: ['request', 'expectStatus'],
      label: 'Expected statuses (comma separated)',
      placeholder: 'any 2xx',
      numbers: true,
    },
    { kind: 'duration', path: ['request', 'timeout'], label: 'Request timeout', placeholder: '30s' },
    {
      kind: 'number',
      path: ['request', 'responseMaxBytes'],
      label: 'Response size kept (bytes)',
      min: 1,
      max: MAX_WEBHOOK_RESPONSE_BYTES,
      placeholder: String(DEFAULT_WEBHOOK_RESPONSE_BYTES),
      hint: 'A longer body is cut and the output says truncated.',
    },
  ],
  summary: (step) => {
    const request = step.request as Partial<typeof step.request> | undefined
    return [{ label: request?.method ?? 'request', value: request?.url }]
  },
})
