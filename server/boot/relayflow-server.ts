// Assembles one Relayflow process: storage (database, migrations, seed data), the background roles
// (devices, runner, scheduler, alerts) and the web front (HTTP with tRPC and Next.js, socket.io),
// and stops them in the reverse order.
import type { Config } from '@/server/platform/config'
import type { Logger } from '@/server/platform/logger'
import { startBackgroundRoles } from './background-roles'
import { openStorage } from './storage'
import { startWebFront } from './web-front'

export type RunningServer = { url: string; port: number; stop: () => Promise<void> }

export async function startRelayflow(config: Config, logger: Logger): Promise<RunningServer> {
  const storage = await openStorage(config, logger)
  const roles = await startBackgroundRoles(config, storage, logger)
  const front = await startWebFront(config, storage, roles.devices, logger)
  const url = `http://localhost:${front.port}`
  await roles.devices.listening(front.port)
  logger.info({ url, roles: config.roles }, `Relayflow is running at ${url}`)

  let stopping: Promise<void> | undefined
  const stop = () =>
    (stopping ??= (async () => {
      logger.info('shutting down')
      await roles.stop()
      await front.close()
      await storage.close()
      logger.info('stopped')
    })())
  return { url, port: front.port, stop }
}
