// The whole path a command step takes, for one test file: a real gateway on a real port, the
// runner's device driver and (unless the file drives commands itself) a runner, started before the
// file's tests and stopped after them (the file's own agents first), then the test database closed.
import { afterAll, beforeAll } from 'vitest'
import type { Database } from '@/db/client'
import type { Clock } from '@/server/platform/clock'
import type { RunningRunner } from '@/server/runner/runner'
import { startTestDriver, startTestGateway } from './device-test-kit'
import { startTestRunner } from './runner-test-kit'

export interface GatewayAndDriver {
  gateway: Awaited<ReturnType<typeof startTestGateway>>
  driver: Awaited<ReturnType<typeof startTestDriver>>
}

export interface DevicePath extends GatewayAndDriver {
  runner: RunningRunner
}

interface PathOptions {
  /** Stops what the file started on top of the path (agents, raw sockets) before the path stops. */
  beforeStop?: () => Promise<void> | void
}

interface RunnerOptions extends PathOptions {
  clock: Clock
  /** The runner's step lease; long where a lapse under load would hand the step to another file's runner. */
  leaseMs?: number
}

/** Gateway, driver and runner for this file. */
export function devicePathForFile(database: Database, options: RunnerOptions): DevicePath {
  return startPathForFile(database, options, options) as DevicePath
}

/** Gateway and driver for a file that dispatches commands through the driver itself. */
export function gatewayAndDriverForFile(database: Database, options: PathOptions = {}): GatewayAndDriver {
  return startPathForFile(database, options, undefined)
}

function startPathForFile(
  database: Database,
  options: PathOptions,
  runnerOptions: RunnerOptions | undefined,
): GatewayAndDriver & { runner?: RunningRunner } {
  const path = {} as GatewayAndDriver & { runner?: RunningRunner }
  beforeAll(async () => {
    path.gateway = await startTestGateway(database)
    path.driver = await startTestDriver(database)
    if (!runnerOptions) return
    const lease = runnerOptions.leaseMs === undefined ? {} : { leaseMs: runnerOptions.leaseMs }
    path.runner = startTestRunner(database, {
      clock: runnerOptions.clock,
      drivers: { devices: path.driver },
      ...lease,
    })
  })
  afterAll(async () => {
    await options.beforeStop?.()
    await path.runner?.stop()
    await path.driver?.stop()
    await path.gateway?.stop()
    await database.close()
  })
  return path
}
