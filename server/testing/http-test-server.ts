// A real HTTP server over the request router (no Next.js) for entry-point tests, with tiny
// tRPC-over-fetch helpers that keep the raw response, so tests can read cookies and headers.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import superjson from 'superjson'
import type { Database } from '@/db/client'
import type { ApiContext } from '@/server/api/context'
import type { Clock } from '@/server/platform/clock'
import { createRequestRouter } from '@/server/http/request-router'
import { createLogger } from '@/server/platform/logger'
import type { AuthSettings } from '@/server/auth/request-info'

export async function startHttpTestServer(database: Database, clock: Clock, auth: AuthSettings) {
  const context: ApiContext = { db: database.db, logger: createLogger('silent'), clock, auth }
  const route = createRequestRouter({ context, next: undefined })
  const server: Server = createServer((req, res) => void route(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base,
    context,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export type TrpcReply = {
  status: number
  headers: Headers
  data: unknown
  error: { message: string; data: { code: string } } | undefined
}

async function reply(response: Response): Promise<TrpcReply> {
  const body = (await response.json()) as { result?: { data: unknown }; error?: { json: unknown } }
  return {
    status: response.status,
    headers: response.headers,
    data: body.result ? superjson.deserialize(body.result.data as never) : undefined,
    error: body.error ? (body.error.json as TrpcReply['error']) : undefined,
  }
}

export async function trpcMutation(
  base: string,
  path: string,
  input: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${base}/api/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(superjson.serialize(input)),
  })
  return reply(response)
}

export async function trpcQuery(
  base: string,
  path: string,
  input: unknown,
  headers: Record<string, string> = {},
) {
  const query =
    input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`
  return reply(await fetch(`${base}/api/trpc/${path}${query}`, { headers }))
}

/** `name=value` of the session cookie a response sets, for the next request's Cookie header. */
export function cookieFrom(headers: Headers): string {
  const set = headers.getSetCookie().find((c) => c.startsWith('relayflow_session='))
  return set?.split(';')[0] ?? ''
}
