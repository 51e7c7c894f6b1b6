// Routes plain HTTP requests: health, the published JSON Schema, webhook triggers and tRPC are
// served here; everything else goes to Next.js. Keeping tRPC in this process's module graph gives it
// the same database pool as the runner and the socket server (docs/adr/0001). Every response carries
// the security headers; every tRPC call gets its caller from the session cookie or API token.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createHTTPHandler } from '@trpc/server/adapters/standalone'
import { workflowJsonSchema } from '@/server/engine/json-schema'
import type { ApiContext } from '@/server/api/context'
import { appRouter } from '@/server/api/root-router'
import { createMetricsHandler } from '@/server/metrics/metrics-http-handler'
import { createWebhookTriggerHandler } from '@/server/triggers/webhook-trigger-handler'
import { WEBHOOK_PATH_PREFIX } from '@/server/triggers/webhook-secrets'
import { isMetricsRequestAllowed } from '@/server/auth/metrics-access'
import { guardPage } from '@/server/auth/page-guard'
import { createRequestContext, isSecureRequest } from '@/server/auth/request-context'
import { applySecurityHeaders } from '@/server/auth/security-headers'
import { isPublicAsset, keepResponsePrivate } from '@/server/auth/private-pages'
import { MAX_TRPC_BATCH, refuseDisallowedBatch } from '@/server/auth/trpc-batch-policy'
import { canonicalPath } from './canonical-path'

export const MAX_API_BODY_BYTES = 2 * 1_048_576
export const WORKFLOW_SCHEMA_PATH = '/api/schema/workflow-v1.json'
/** Liveness: both answer `{ ok: true }` (docs/security.md). */
export const HEALTH_PATHS: ReadonlySet<string> = new Set(['/healthz', '/api/health'])
const TRPC_BASE_PATH = '/api/trpc/'

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>

export function createRequestRouter(options: {
  context: ApiContext
  next: Handler | undefined
  /** Loosens the CSP for Next's dev server (eval for fast refresh). */
  dev?: boolean
  /** For /metrics: this process' open socket.io connections per namespace. */
  socketConnections?: () => Record<string, number>
}): Handler {
  const dev = options.dev ?? process.env.NODE_ENV === 'development'
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: TRPC_BASE_PATH,
    maxBodySize: MAX_API_BODY_BYTES,
    maxBatchSize: MAX_TRPC_BATCH,
    createContext: ({ req, res }) => createRequestContext(options.context, req, res),
  })
  const schemaBody = JSON.stringify(workflowJsonSchema(), null, 2)
  const webhooks = createWebhookTriggerHandler(options.context)
  const metrics = createMetricsHandler(options.context, { socketConnections: options.socketConnections })

  return async (req, res) => {
    const url = req.url ?? '/'
    const pathname = url.split('?')[0] ?? '/'
    applySecurityHeaders(res, { dev, secure: isSecureRequest(req, options.context.auth) })
    const canonical = canonicalPath(pathname)
    if (canonical !== pathname) return redirectToCanonical(req, res, canonical + url.slice(pathname.length))
    if (HEALTH_PATHS.has(pathname)) return sendJson(res, 200, { ok: true })
    if (pathname === WORKFLOW_SCHEMA_PATH) {
      res.writeHead(200, { 'content-type': 'application/schema+json', 'cache-control': 'public, max-age=300' })
      res.end(schemaBody)
      return
    }
    if (pathname.startsWith(TRPC_BASE_PATH)) {
      if (refuseDisallowedBatch(req, res, TRPC_BASE_PATH)) return
      return trpc(req, res)
    }
    if (pathname === '/metrics') {
      if (!isMetricsRequestAllowed(req, options.context.auth))
        return sendJson(res, 401, { error: 'Pass the metrics token as Authorization: Bearer <token>.' })
      return metrics(req, res)
    }
    if (pathname.startsWith(WEBHOOK_PATH_PREFIX)) return webhooks(req, res)
    if (options.next) {
      if (await guardPage(options.context, req, res, pathname)) return
      if (!isPublicAsset(pathname)) keepResponsePrivate(res)
      return options.next(req, res)
    }
    return sendJson(res, 404, { error: `No route for ${pathname}` })
  }
}

/** Reads and writes go to the canonical path; other methods are told to use it. */
function redirectToCanonical(req: IncomingMessage, res: ServerResponse, location: string): void {
  if (req.method === 'GET' || req.method === 'HEAD') {
    res.writeHead(308, { location, 'cache-control': 'no-store' })
    res.end()
    return
  }
  sendJson(res, 400, { error: `Use the canonical path ${location.split('?')[0] ?? '/'}.` })
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}
