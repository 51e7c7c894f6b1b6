// Limits on tRPC batching, checked before any procedure runs: a batch holds at most
// MAX_TRPC_BATCH calls (for every caller, signed in or not), and sign-in calls (`auth.*`
// mutations) never share a request with other calls, so one request judges one password.
import type { IncomingMessage, ServerResponse } from 'node:http'

export const MAX_TRPC_BATCH = 20
const TRPC_BAD_REQUEST = -32600

/** The procedure paths of a call to `/api/trpc/<a>,<b>…`, and whether it is a batch (`?batch=1`). */
export function trpcCallsOf(url: string, basePath: string): { paths: string[]; isBatch: boolean } {
  const [pathname = '', search = ''] = url.split('?', 2)
  let joined = pathname.slice(basePath.length)
  try {
    joined = decodeURIComponent(joined)
  } catch {
    // tRPC answers a path it cannot decode itself
  }
  return { paths: joined.split(','), isBatch: new URLSearchParams(search).get('batch') === '1' }
}

/** Why this request may not run, or undefined when it may. */
export function batchRefusal(method: string, calls: { paths: string[]; isBatch: boolean }): string | undefined {
  if (!calls.isBatch) return undefined
  if (calls.paths.length > MAX_TRPC_BATCH)
    return `A batch may hold at most ${MAX_TRPC_BATCH} calls; this one holds ${calls.paths.length}. Split it.`
  if (method === 'POST' && calls.paths.length > 1 && calls.paths.some((p) => p.startsWith('auth.')))
    return 'Sign-in calls (auth.*) cannot be batched with other calls; send each in its own request.'
  return undefined
}

/** A 400 in tRPC's batch shape (one error per call), so tRPC clients read the reason. */
export function refuseBatch(res: ServerResponse, paths: readonly string[], message: string): void {
  const error = (path: string) => ({
    error: { json: { message, code: TRPC_BAD_REQUEST, data: { code: 'BAD_REQUEST', httpStatus: 400, path } } },
  })
  res.writeHead(400, { 'content-type': 'application/json', 'cache-control': 'no-store' })
  res.end(JSON.stringify(paths.slice(0, MAX_TRPC_BATCH + 1).map(error)))
}

/** Applies the policy; true when the request was refused and answered. */
export function refuseDisallowedBatch(req: IncomingMessage, res: ServerResponse, basePath: string): boolean {
  const calls = trpcCallsOf(req.url ?? '/', basePath)
  const refusal = batchRefusal(req.method ?? 'GET', calls)
  if (refusal === undefined) return false
  refuseBatch(res, calls.paths, refusal)
  return true
}
