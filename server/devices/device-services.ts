// Wires devices into one Relayflow process: the runner's driver (role runner), the `/devices`
// gateway (role gateway) and the demo fleet as in-process agents (RELAYFLOW_DEMO_DEVICES=1).
import type { Server } from 'socket.io'
import type { Database } from '@/db/client'
import type { Config } from '@/server/platform/config'
import type { Logger } from '@/server/platform/logger'
import { startDemoAgents } from './fleet/demo-agents'
import { startDeviceGateway, type DeviceGateway } from './gateway/gateway'
import type { FlaggedDeviceSource } from './dispatch/driver-resources'
import { createGatewayDeviceDriver, type GatewayDeviceDriver } from './dispatch/gateway-device-driver'

export interface DeviceServices {
  /** The runner's device driver (present when this process runs the runner role). */
  driver: GatewayDeviceDriver | undefined
  /** Attaches the gateway to the socket.io server (role gateway). */
  attach(io: Server): void
  /** Once the HTTP server listens: starts the demo agents against it. */
  listening(port: number): Promise<void>
  /** Disconnects agents and the gateway; the driver last. */
  stop(): Promise<void>
}

export async function startDeviceServices(options: {
  config: Config
  database: Database
  logger: Logger
  /** Devices monitoring flags, for the runner's routing to avoid. */
  flaggedDevices?: FlaggedDeviceSource
}): Promise<DeviceServices> {
  const { config, database, logger } = options
  const driver = config.roles.includes('runner')
    ? createGatewayDeviceDriver({ db: database.db, sql: database.sql, logger, flaggedDevices: options.flaggedDevices })
    : undefined
  await driver?.start()
  let gateway: DeviceGateway | undefined
  let demo: Awaited<ReturnType<typeof startDemoAgents>> | undefined
  return {
    driver,
    attach(io) {
      if (!config.roles.includes('gateway')) return
      gateway = startDeviceGateway({ io, db: database.db, sql: database.sql, logger, ...config.devices })
    },
    async listening(port) {
      if (!config.demoDevices || !gateway) return
      demo = await startDemoAgents({ db: database.db, serverUrl: `http://127.0.0.1:${port}`, logger })
      await driver?.refresh()
    },
    async stop() {
      await demo?.stop()
      await gateway?.stop()
      await driver?.stop()
    },
  }
}
