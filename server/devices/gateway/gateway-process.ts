// A standalone device gateway over DATABASE_URL: what `RELAYFLOW_ROLES=gateway` boils down to, small
// enough to spawn in tests that put the runner and the gateway in different processes.
// Env: DATABASE_URL, PORT (0 = any), GATEWAY_ID, and the RELAYFLOW_DEVICE_* timings. Stops on SIGTERM/SIGINT.
import { createServer } from 'node:http'
import { connectDatabase } from '@/db/client'
import { loadConfig } from '@/server/platform/config'
import { createLogger } from '@/server/platform/logger'
import { createSocketServer } from '@/server/realtime/socket-server'
import { startDeviceGateway } from './gateway'

const url = process.env.DATABASE_URL
if (!url) throw new Error('DATABASE_URL is required')
const config = loadConfig({ ...process.env, RELAYFLOW_ROLES: 'gateway' })
const database = connectDatabase(url, { max: 5 })
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn')
const httpServer = createServer((_req, res) => res.writeHead(404).end())
const io = createSocketServer(httpServer)
const gateway = startDeviceGateway({
  io,
  db: database.db,
  sql: database.sql,
  logger,
  gatewayId: process.env.GATEWAY_ID,
  ...config.devices,
  pollMs: Number(process.env.GATEWAY_POLL_MS ?? 1000),
  sweepMs: Number(process.env.GATEWAY_SWEEP_MS ?? 1000),
})
httpServer.listen(config.port, '127.0.0.1', () => {
  const address = httpServer.address()
  process.stdout.write(
    `gateway ${gateway.gatewayId} ready http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`,
  )
})

const shutdown = () => {
  gateway
    .stop()
    .then(() => new Promise<void>((resolve) => void io.close(() => resolve())))
    .then(() => database.close())
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      logger.error({ err: error }, 'gateway shutdown failed')
      process.exit(1)
    })
}
process.once('SIGTERM', shutdown)
process.once('SIGINT', shutdown)
