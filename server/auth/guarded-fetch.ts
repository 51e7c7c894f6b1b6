// fetch() for the webhook step: every URL, including each redirect's target, is checked against
// the outbound address policy before it is requested. Redirects are followed here (at most 5)
// rather than by fetch, which would follow them unchecked.
import type { OutboundPolicy } from '@/server/platform/outbound-policy'
import { refusalFor, type Resolver } from './outbound-address-policy'

const MAX_REDIRECTS = 5

export class OutboundRefusedError extends Error {
  override readonly name = 'OutboundRefusedError'
}

export async function guardedFetch(
  url: string,
  init: RequestInit,
  options: { policy?: OutboundPolicy; resolve?: Resolver } = {},
): Promise<Response> {
  let current = new URL(url)
  let request: RequestInit = { ...init, redirect: 'manual' }
  for (let hop = 0; ; hop++) {
    const refusal = await refusalFor(current, options.policy, options.resolve)
    if (refusal) throw new OutboundRefusedError(refusal)
    const response = await fetch(current, request)
    const location = response.headers.get('location')
    if (response.status < 300 || response.status >= 400 || response.status === 304 || !location)
      return response
    if (hop >= MAX_REDIRECTS)
      throw new OutboundRefusedError(`More than ${MAX_REDIRECTS} redirects from ${url}.`)
    await response.body?.cancel()
    const next = new URL(location, current)
    if (next.origin !== current.origin) {
      // Like fetch: credentials meant for one origin are not sent to another.
      const headers = new Headers(request.headers)
      for (const name of ['authorization', 'cookie', 'proxy-authorization']) headers.delete(name)
      request = { ...request, headers }
    }
    current = next
    // 303, and 301/302 after a POST, turn into a GET without a body (what browsers and fetch do).
    const toGet =
      response.status === 303 ||
      ((response.status === 301 || response.status === 302) && request.method === 'POST')
    if (toGet) request = { ...request, method: 'GET', body: undefined }
  }
}
