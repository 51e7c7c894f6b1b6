// The process's front door: one HTTP server (tRPC, webhooks, /metrics, the Next.js pages when the
// role is web) with socket.io on it (the live namespace, the device gateway), listening on config.port.
import { createServer } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Server } from 'socket.io'
import { guardLiveNamespace } from '@/server/auth/live-access'
import type { DeviceServices } from '@/server/devices/device-services'
import { answerClientErrors } from '@/server/http/client-errors'
import { createRequestRouter } from '@/server/http/request-router'
import type { Config } from '@/server/platform/config'
import type { Logger } from '@/server/platform/logger'
import { attachLiveNamespace } from '@/server/realtime/live-namespace'
import { installPostgresAdapter } from '@/server/realtime/postgres-adapter'
import { createSocketServer } from '@/server/realtime/socket-server'
import type { Storage } from './storage'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

export async function startWebFront(
  config: Config,
  storage: Storage,
  devices: DeviceServices,
  logger: Logger,
) {
  const nextHandler = config.roles.includes('web') ? await prepareNext(config) : undefined
  // The socket.io server is created after the HTTP router that serves /metrics.
  const sockets: { io?: Server } = {}
  const route = createRequestRouter({
    context: storage.context,
    next: nextHandler?.handle,
    socketConnections: () => socketCounts(sockets.io),
  })
  const httpServer = createServer((req, res) => {
    Promise.resolve(route(req, res)).catch((error: unknown) => {
      logger.error({ err: error, url: req.url }, 'request failed')
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end('Internal error; see the server log.')
    })
  })
  answerClientErrors(httpServer)
  const io = (sockets.io = createSocketServer(httpServer))
  const closeAdapter = await installPostgresAdapter(io, storage.url)
  devices.attach(io)
  const { db } = storage
  const live = config.roles.includes('web')
    ? attachLiveNamespace(io, { db: db.db, sql: db.sql, logger })
    : undefined
  const liveGuard = live ? guardLiveNamespace(live.namespace, { ...storage.context, sql: db.sql }) : undefined
  const port = await listen(httpServer, config)
  const close = async () => {
    await liveGuard?.stop()
    await live?.stop()
    await new Promise<void>((resolve) => void io.close(() => resolve()))
    await closeAdapter()
    httpServer.closeAllConnections()
    await new Promise<void>((resolve) => httpServer.close(() => resolve()))
    await nextHandler?.close()
  }
  return { port, close }
}

/** Open socket.io connections per namespace, for /metrics. */
function socketCounts(io: Server | undefined): Record<string, number> {
  return Object.fromEntries(
    [...(io?._nsps.entries() ?? [])]
      .filter(([name]) => name !== '/')
      .map(([name, nsp]) => [name, nsp.sockets.size]),
  )
}

async function listen(httpServer: ReturnType<typeof createServer>, config: Config): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject)
    httpServer.listen(config.port, config.host, resolve)
  })
  const address = httpServer.address()
  return typeof address === 'object' && address ? address.port : config.port
}

async function prepareNext(config: Config) {
  const { default: next } = await import('next')
  const app = next({ dev: config.dev, dir: projectRoot, hostname: 'localhost', port: config.port })
  await app.prepare()
  const handle = app.getRequestHandler()
  return {
    handle: (req: Parameters<typeof handle>[0], res: Parameters<typeof handle>[1]) => handle(req, res),
    close: () => app.close(),
  }
}
