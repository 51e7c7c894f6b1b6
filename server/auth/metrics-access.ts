// /metrics is open unless RELAYFLOW_METRICS_TOKEN is set; then scrapers send it as a bearer token.
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { AuthSettings } from './request-info'
import { bearerToken } from './request-context'

export function isMetricsRequestAllowed(req: IncomingMessage, settings: AuthSettings | undefined): boolean {
  const expected = settings?.metricsToken
  if (!expected) return true
  const given = Buffer.from(bearerToken(req) ?? '')
  const wanted = Buffer.from(expected)
  return given.length === wanted.length && timingSafeEqual(given, wanted)
}
