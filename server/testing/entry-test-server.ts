// Every entry point of a Relayflow node on one real port, wired as server/boot/relayflow-server.ts wires
// them (request router, /live with its access middleware, the /devices gateway), with a stand-in
// for Next.js pages. For the entry-point matrix and the fuzz tests; no runner, no Next build.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { io as connect, type Socket } from 'socket.io-client'
import type { Database } from '@/db/client'
import type { ApiContext } from '@/server/api/context'
import { startDeviceGateway } from '@/server/devices/gateway/gateway'
import { FAST_GATEWAY } from '@/server/testing/device-test-kit'
import { answerClientErrors } from '@/server/http/client-errors'
import { createRequestRouter } from '@/server/http/request-router'
import { createLogger } from '@/server/platform/logger'
import { attachLiveNamespace } from '@/server/realtime/live-namespace'
import { createSocketServer } from '@/server/realtime/socket-server'
import { guardLiveNamespace } from '@/server/auth/live-access'

export const PAGE_BODY = 'a page'
export const NEXT_PAGE_CACHE_CONTROL = 's-maxage=31536000, stale-while-revalidate'

export async function startEntryTestServer(database: Database) {
  // ENTRY_TEST_LOG=error shows the server's own errors when a fuzz failure needs explaining.
  const logger = createLogger((process.env.ENTRY_TEST_LOG as 'error' | undefined) ?? 'silent')
  const context: ApiContext = {
    db: database.db,
    logger,
    clock: { now: () => new Date() },
    auth: { mode: 'on', trustProxy: false },
  }
  const route = createRequestRouter({
    context,
    // As Next.js answers a prerendered page: cacheable by shared caches for a year.
    next: (_req, res) => {
      res.setHeader('Cache-Control', NEXT_PAGE_CACHE_CONTROL)
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end(PAGE_BODY)
    },
  })
  const httpServer = createServer((req, res) => {
    Promise.resolve(route(req, res)).catch(() => {
      if (!res.headersSent) res.writeHead(500)
      res.end('internal error')
    })
  })
  answerClientErrors(httpServer)
  const io = createSocketServer(httpServer)
  const gateway = startDeviceGateway({ io, db: database.db, sql: database.sql, logger, ...FAST_GATEWAY })
  const live = attachLiveNamespace(io, { db: database.db, sql: database.sql, logger })
  const liveGuard = guardLiveNamespace(live.namespace, { ...context, sql: database.sql })
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`
  return {
    base,
    context,
    /** A socket.io client on `namespace`, resolved once connected or refused (with the reason). */
    socket(
      namespace: '/live' | '/devices',
      options: { cookie?: string; token?: string } = {},
    ): Promise<{ socket: Socket; refusal: string | undefined }> {
      const socket = connect(base + namespace, {
        path: '/socket.io',
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        extraHeaders: options.cookie ? { cookie: options.cookie } : undefined,
        auth: options.token ? { token: options.token } : {},
      })
      return new Promise((resolve) => {
        socket.once('connect', () => resolve({ socket, refusal: undefined }))
        socket.once('connect_error', (error) => resolve({ socket, refusal: error.message }))
      })
    },
    close: async () => {
      await gateway.stop()
      await liveGuard.stop()
      await live.stop()
      await new Promise<void>((resolve) => void io.close(() => resolve()))
      httpServer.closeAllConnections()
    },
  }
}
