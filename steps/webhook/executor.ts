// `webhook`: an outbound HTTP request from the runner, with a timeout, an expected status and
// the response captured as output up to a size cap.
import { guardedFetch, OutboundRefusedError } from '@/server/auth/guarded-fetch'
import { parseDuration } from '@/server/engine/duration'
import { describeJsonProblems, findJsonProblems } from '@/contracts/json-guard'
import { renderParams, renderTemplate } from '@/server/engine/templating'
import type { ExpressionContext } from '@/server/engine/expressions'
import { failureFromError, type StepExecutor, type StepResult } from '@/server/runner/executors/step-executor'

type WebhookStep = Extract<Parameters<StepExecutor>[0]['step'], { type: 'webhook' }>

export const executeWebhook: StepExecutor<WebhookStep> = async (execution) => {
  const request = execution.step.request
  let rendered: RenderedRequest
  try {
    rendered = renderRequest(request, execution.context)
  } catch (error) {
    return failureFromError(error, 'Could not render the request')
  }
  const { url, headers, body } = rendered
  const timeoutMs = parseDuration(request.timeout)
  const signal = AbortSignal.any([execution.signal, AbortSignal.timeout(timeoutMs)])
  let response: Response
  try {
    response = await guardedFetch(url, { method: request.method, headers, body, signal })
  } catch (error) {
    if (execution.signal.aborted) throw execution.signal.reason
    return fetchFailure(error, request, url, signal)
  }
  const captured = await readCapped(response, request.responseMaxBytes, signal)
  const output = {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: captured.body,
    truncated: captured.truncated,
  }
  // A JSON answer nested past the limit or holding lone surrogates could not be stored as the output.
  const unsafe = findJsonProblems(output, { path: ['output'], allowNul: true })
  if (unsafe.length > 0) {
    const message = `${request.method} ${url} answered with a body that cannot be stored: ${describeJsonProblems(unsafe)}`
    return { kind: 'failed', error: { code: 'invalid_output', message, retryable: false } }
  }
  return checkStatus(request.method, url, request.expectStatus, output)
}

interface RenderedRequest {
  url: string
  headers: Record<string, string>
  body: string | undefined
}

/** URL, headers and body with their templates rendered; a body that is not text is sent as JSON. */
function renderRequest(request: WebhookStep['request'], context: ExpressionContext): RenderedRequest {
  const url = String(renderTemplate(request.url, context))
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).map(([k, v]) => [k, String(renderTemplate(v, context))]),
  )
  let body: string | undefined
  if (request.body !== undefined) {
    const rendered = renderParams(request.body, context)
    if (typeof rendered === 'string') body = rendered
    else {
      body = JSON.stringify(rendered)
      if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type'))
        headers['content-type'] = 'application/json'
    }
  }
  return { url, headers, body }
}

/** Why the request got no answer: a refused address, the step's own timeout, or a network error. */
function fetchFailure(
  error: unknown,
  request: WebhookStep['request'],
  url: string,
  signal: AbortSignal,
): StepResult {
  if (error instanceof OutboundRefusedError)
    return { kind: 'failed', error: { code: 'url_refused', message: error.message, retryable: false } }
  if (signal.aborted)
    return {
      kind: 'failed',
      error: {
        code: 'timeout',
        message: `${request.method} ${url} did not answer within ${request.timeout}.`,
        retryable: true,
      },
    }
  return {
    kind: 'failed',
    error: {
      code: 'http_error',
      message: `${request.method} ${url} failed: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`,
      retryable: true,
    },
  }
}

function checkStatus(
  method: string,
  url: string,
  expected: number[] | undefined,
  output: { status: number } & Record<string, unknown>,
): StepResult {
  const ok = expected ? expected.includes(output.status) : output.status >= 200 && output.status < 300
  if (ok) return { kind: 'succeeded', output }
  const wanted = expected ? expected.join(', ') : '2xx'
  return {
    kind: 'failed',
    output,
    error: {
      code: 'http_status',
      message: `${method} ${url} answered ${output.status}, expected ${wanted}.`,
      retryable: output.status >= 500 || output.status === 429,
    },
  }
}

async function readCapped(
  response: Response,
  maxBytes: number,
  signal: AbortSignal,
): Promise<{ body: unknown; truncated: boolean }> {
  const reader = response.body?.getReader()
  if (!reader) return { body: null, truncated: false }
  const chunks: Uint8Array[] = []
  let size = 0
  let truncated = false
  try {
    for (;;) {
      if (signal.aborted) break
      const { done, value } = await reader.read()
      if (done) break
      if (size + value.byteLength > maxBytes) {
        chunks.push(value.subarray(0, maxBytes - size))
        size = maxBytes
        truncated = true
        await reader.cancel()
        break
      }
      chunks.push(value)
      size += value.byteLength
    }
  } catch {
    truncated = true
  }
  const text = Buffer.concat(chunks).toString('utf8')
  const type = response.headers.get('content-type') ?? ''
  if (!truncated && type.includes('json')) {
    try {
      return { body: JSON.parse(text) as unknown, truncated }
    } catch {
      return { body: text, truncated }
    }
  }
  return { body: text, truncated }
}
