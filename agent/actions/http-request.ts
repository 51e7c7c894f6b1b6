// Built-in `http.request`: an outbound HTTP(S) request from the device, body size-capped.
import { z } from 'zod'
import { ActionError, defineAction } from '../action-types'

const MAX_BODY_BYTES = 1_048_576

export const ZHttpRequestParams = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET'),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
  timeoutMs: z.number().int().min(1).max(600_000).default(30_000),
  maxBytes: z.number().int().min(0).max(MAX_BODY_BYTES).default(65_536),
})

export const httpRequestAction = defineAction(
  'http.request',
  ZHttpRequestParams,
  async (params, context) => {
    const signal = AbortSignal.any([context.signal, AbortSignal.timeout(params.timeoutMs)])
    const json = params.body !== undefined && typeof params.body !== 'string'
    let response: Response
    try {
      response = await fetch(params.url, {
        method: params.method,
        headers: { ...(json ? { 'content-type': 'application/json' } : {}), ...params.headers },
        body:
          params.body === undefined
            ? undefined
            : json
              ? JSON.stringify(params.body)
              : (params.body as string),
        signal,
      })
    } catch (error) {
      if (context.signal.aborted) throw new ActionError('cancelled', 'The request was cancelled.')
      throw new ActionError('http_error', `Request to ${params.url} failed: ${describe(error)}`, true)
    }
    const { text, truncated } = await readCapped(response, params.maxBytes)
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers.entries()),
      body: text,
      truncated,
    }
  },
  'HTTP(S) request from the device; output { status, headers, body, truncated }',
)

async function readCapped(
  response: Response,
  maxBytes: number,
): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false }
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  let truncated = false
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (size + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size))
      truncated = true
      await reader.cancel()
      break
    }
    chunks.push(value)
    size += value.byteLength
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated }
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `${error instanceof Error ? error.message : String(error)}${cause}`
}
