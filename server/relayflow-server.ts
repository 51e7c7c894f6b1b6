// Assembles one Relayflow process: database (embedded or DATABASE_URL), migrations,
// seed data, HTTP (tRPC + Next.js) and socket.io, with a clean shutdown.
import { createServer } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { connectDatabase } from '@/db/client'
import { openDatabaseUrl } from '@/db/database-url'
import { migrateDatabase } from '@/db/migrate'
import { systemClock, type ApiContext } from '@/server/api/context'
import type { Config } from '@/server/config'
import type { Logger } from '@/server/logger'
import { createRequestRouter } from '@/server/http/request-router'
import { createSocketServer } from '@/server/realtime/socket-server'
import { createDemoFleet } from '@/server/devices/demo-fleet'
import { startRunner } from '@/server/runner/runner'
import { seedBuiltinTemplates } from '@/server/templates/template-store'

export type RunningServer = { url: string; port: number; stop: () => Promise<void> }

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export async function startRelayflow(config: Config, logger: Logger): Promise<RunningServer> {
  const pgLog = logger.child({ component: 'postgres' })
  const database = await openDatabaseUrl(config, (message) => pgLog.debug(message))
  logger.info({ embedded: database.embedded }, database.embedded ? 'using embedded PostgreSQL' : 'using DATABASE_URL')
  await migrateDatabase(database.url)
  const db = connectDatabase(database.url)
  const context: ApiContext = { db: db.db, logger: logger.child({ component: 'api' }), clock: systemClock }
  if (config.seed) {
    const inserted = await seedBuiltinTemplates(context)
    if (inserted > 0) logger.info({ inserted }, 'seeded built-in templates')
  }

  // Until the device gateway lands, the in-process demo fleet is the only device driver.
  const devices = createDemoFleet(config.demoDevices ? {} : { devices: [] })
  const runner = config.roles.includes('runner')
    ? startRunner({ db: db.db, sql: db.sql, clock: systemClock, logger, drivers: { devices } })
    : undefined

  const nextHandler = config.roles.includes('web') ? await prepareNext(config) : undefined
  const route = createRequestRouter({ context, next: nextHandler?.handle })
  const httpServer = createServer((req, res) => {
    Promise.resolve(route(req, res)).catch((error: unknown) => {
      logger.error({ err: error, url: req.url }, 'request failed')
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end('Internal error; see the server log.')
    })
  })
  const io = createSocketServer(httpServer)

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject)
    httpServer.listen(config.port, config.host, resolve)
  })
  const address = httpServer.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const url = `http://localhost:${port}`
  logger.info({ url, roles: config.roles }, `Relayflow is running at ${url}`)

  let stopping: Promise<void> | undefined
  const stop = () =>
    (stopping ??= (async () => {
      logger.info('shutting down')
      await new Promise<void>((resolve) => {
        void io.close(() => resolve())
      })
      httpServer.closeAllConnections()
      await new Promise<void>((resolve) => httpServer.close(() => resolve()))
      await nextHandler?.close()
      await runner?.stop()
      await db.close()
      await database.stop()
      logger.info('stopped')
    })())
  return { url, port, stop }
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
