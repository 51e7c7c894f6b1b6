// Assembles one Relayflow process: database (embedded or DATABASE_URL), migrations,
// seed data, HTTP (tRPC + Next.js) and socket.io, with a clean shutdown.
import { createServer } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { connectDatabase } from '@/db/client'
import { openDatabaseUrl } from '@/db/database-url'
import { migrateDatabase } from '@/db/migrate'
import { connectReadReplica } from '@/db/read-replica'
import type { ApiContext } from '@/server/api/context'
import { systemClock } from '@/server/platform/clock'
import type { Config } from '@/server/platform/config'
import type { Logger } from '@/server/platform/logger'
import { createRequestRouter } from '@/server/http/request-router'
import { attachLiveNamespace } from '@/server/realtime/live-namespace'
import { guardLiveNamespace } from '@/server/auth/live-access'
import { processSecretKey } from '@/server/secrets/secret-key'
import { stepSecrets } from '@/server/secrets/step-secrets'
import { installPostgresAdapter } from '@/server/realtime/postgres-adapter'
import { createSocketServer } from '@/server/realtime/socket-server'
import { startDeviceServices } from '@/server/devices/device-services'
import { startRunEndSignals } from '@/server/runner/run-end-signals'
import { startRunner } from '@/server/runner/runner'
import { seedBuiltinTemplates } from '@/server/templates/template-store'
import { startScheduler } from '@/server/triggers/scheduler'
import { startAlertEvaluator } from '@/server/metrics/alert-evaluator'
import { createFlaggedDevices } from '@/server/metrics/flagged-devices'
import { answerClientErrors } from '@/server/http/client-errors'

export type RunningServer = { url: string; port: number; stop: () => Promise<void> }

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

export async function startRelayflow(config: Config, logger: Logger): Promise<RunningServer> {
  const pgLog = logger.child({ component: 'postgres' })
  const database = await openDatabaseUrl(config, (message) => pgLog.debug(message))
  logger.info({ embedded: database.embedded }, database.embedded ? 'using embedded PostgreSQL' : 'using DATABASE_URL')
  await migrateDatabase(database.url)
  const db = connectDatabase(database.url)
  const replica = connectReadReplica(config.databaseReadUrl)
  if (replica) logger.info('analytics and monitoring read from DATABASE_READ_URL')
  const context: ApiContext = {
    db: db.db,
    readDb: replica?.db,
    logger: logger.child({ component: 'api' }),
    clock: systemClock,
    auth: config.auth,
    runEnds: startRunEndSignals({ sql: db.sql, logger }),
  }
  processSecretKey() // a missing or unreadable secrets key fails startup, not the first run that needs it
  if (config.seed) {
    const inserted = await seedBuiltinTemplates(context)
    if (inserted > 0) logger.info({ inserted }, 'seeded built-in templates')
  }

  // Commands go through device_commands rows to whichever gateway holds the device (docs/device-protocol.md).
  const devices = await startDeviceServices({
    config,
    database: db,
    logger,
    flaggedDevices: createFlaggedDevices({
      db: db.db,
      clock: systemClock,
      onError: (error) => logger.warn({ err: error }, 'reading flagged devices failed; routing without them'),
    }),
  })
  const runner = devices.driver
    ? startRunner({
        db: db.db,
        sql: db.sql,
        clock: systemClock,
        logger,
        drivers: { devices: devices.driver },
        secrets: stepSecrets,
        maxInFlight: config.runnerMaxInFlight,
      })
    : undefined

  const scheduler = config.roles.includes('scheduler')
    ? startScheduler({ db: db.db, clock: systemClock, logger })
    : undefined
  // Alert rules are evaluated once across all scheduler nodes (advisory lock; docs/monitoring.md).
  const alerts = config.roles.includes('scheduler')
    ? startAlertEvaluator({ db: db.db, clock: systemClock, logger })
    : undefined

  const nextHandler = config.roles.includes('web') ? await prepareNext(config) : undefined
  // The socket.io server is created after the HTTP router that serves /metrics.
  const sockets: { io?: ReturnType<typeof createSocketServer> } = {}
  const socketConnections = () =>
    Object.fromEntries(
      [...(sockets.io?._nsps.entries() ?? [])].filter(([name]) => name !== '/').map(([name, nsp]) => [name, nsp.sockets.size]),
    )
  const route = createRequestRouter({ context, next: nextHandler?.handle, socketConnections })
  const httpServer = createServer((req, res) => {
    Promise.resolve(route(req, res)).catch((error: unknown) => {
      logger.error({ err: error, url: req.url }, 'request failed')
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end('Internal error; see the server log.')
    })
  })
  answerClientErrors(httpServer)
  const io = createSocketServer(httpServer)
  sockets.io = io
  const closeAdapter = await installPostgresAdapter(io, database.url)
  devices.attach(io)
  const live = config.roles.includes('web') ? attachLiveNamespace(io, { db: db.db, sql: db.sql, logger }) : undefined
  const liveGuard = live ? guardLiveNamespace(live.namespace, { ...context, sql: db.sql }) : undefined

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject)
    httpServer.listen(config.port, config.host, resolve)
  })
  const address = httpServer.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const url = `http://localhost:${port}`
  await devices.listening(port)
  logger.info({ url, roles: config.roles }, `Relayflow is running at ${url}`)

  let stopping: Promise<void> | undefined
  const stop = () =>
    (stopping ??= (async () => {
      logger.info('shutting down')
      await scheduler?.stop() // no new scheduled runs while the rest drains
      await alerts?.stop()
      // The runner drains first, while the devices running its commands are still connected.
      await runner?.stop()
      await devices.stop()
      await liveGuard?.stop()
      await live?.stop()
      await context.runEnds?.stop()
      await new Promise<void>((resolve) => {
        void io.close(() => resolve())
      })
      await closeAdapter()
      httpServer.closeAllConnections()
      await new Promise<void>((resolve) => httpServer.close(() => resolve()))
      await nextHandler?.close()
      await replica?.close()
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
