// A standalone runner process over DATABASE_URL with the demo fleet: what `RELAYFLOW_ROLES=runner`
// boils down to, small enough to spawn many of in crash tests. Env: DATABASE_URL, RUNNER_OWNER,
// RUNNER_LEASE_MS, RUNNER_POLL_MS,
// RUNNER_MAX_IN_FLIGHT, DEMO_LATENCY_SCALE. Stops cleanly on SIGTERM/SIGINT.
import { connectDatabase } from '@/db/client'
import { createDemoFleet } from '@/server/devices/fleet/demo-fleet'
import { createLogger } from '@/server/platform/logger'
import { startRunner } from '@/server/runner/runner'
import { stepSecrets } from '@/server/secrets/step-secrets'

const url = process.env.DATABASE_URL
if (!url) throw new Error('DATABASE_URL is required')
const database = connectDatabase(url, { max: 5 })
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn')
const runner = startRunner({
  db: database.db,
  sql: database.sql,
  clock: { now: () => new Date() },
  logger,
  owner: process.env.RUNNER_OWNER,
  leaseMs: Number(process.env.RUNNER_LEASE_MS ?? 30_000),
  pollMs: Number(process.env.RUNNER_POLL_MS ?? 250),
  maxInFlight: Number(process.env.RUNNER_MAX_IN_FLIGHT ?? 256),
  drivers: { devices: createDemoFleet({ latencyScale: Number(process.env.DEMO_LATENCY_SCALE ?? 1) }) },
  secrets: stepSecrets,
})
process.stdout.write(`runner ${runner.owner} ready\n`)

const shutdown = () => {
  runner
    .stop()
    .then(() => database.close())
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      logger.error({ err: error }, 'runner shutdown failed')
      process.exit(1)
    })
}
process.once('SIGTERM', shutdown)
process.once('SIGINT', shutdown)
