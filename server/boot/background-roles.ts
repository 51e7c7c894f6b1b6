// The roles that work without a request: devices (driver, gateway, demo fleet), the runner, the
// scheduler and the alert evaluator, each started only where config.roles asks for it.
import { systemClock } from '@/server/platform/clock'
import type { Config } from '@/server/platform/config'
import type { Logger } from '@/server/platform/logger'
import { startDeviceServices } from '@/server/devices/device-services'
import { createFlaggedDevices } from '@/server/metrics/flagged-devices'
import { startAlertEvaluator } from '@/server/metrics/alert-evaluator'
import { startRunner } from '@/server/runner/runner'
import { stepSecrets } from '@/server/secrets/step-secrets'
import { startScheduler } from '@/server/triggers/scheduler'
import type { Storage } from './storage'

export type BackgroundRoles = Awaited<ReturnType<typeof startBackgroundRoles>>

export async function startBackgroundRoles(config: Config, storage: Storage, logger: Logger) {
  const { db } = storage
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
  const scheduling = config.roles.includes('scheduler')
  const scheduler = scheduling ? startScheduler({ db: db.db, clock: systemClock, logger }) : undefined
  // Alert rules are evaluated once across all scheduler nodes (advisory lock; docs/monitoring.md).
  const alerts = scheduling ? startAlertEvaluator({ db: db.db, clock: systemClock, logger }) : undefined
  const stop = async () => {
    await scheduler?.stop() // no new scheduled runs while the rest drains
    await alerts?.stop()
    // The runner drains first, while the devices running its commands are still connected.
    await runner?.stop()
    await devices.stop()
  }
  return { devices, stop }
}
