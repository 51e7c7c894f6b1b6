// The whole path a command step takes, for one test file: a real gateway on a real port, the
// runner's device driver and a runner, started before the file's tests and stopped after them
// (the file's own agents first), then the test database closed.
import { afterAll, beforeAll } from 'vitest'
import type { Database } from '@/db/client'
import type { Clock } from '@/server/platform/clock'
import type { RunningRunner } from '@/server/runner/runner'
import { startTestDriver, startTestGateway } from './device-test-kit'
import { startTestRunner } from './runner-test-kit'

export interface DevicePath {
  gateway: Awaited<ReturnType<typeof startTestGateway>>
  driver: Awaited<ReturnType<typeof startTestDriver>>
  runner: RunningRunner
}

export function devicePathForFile(
  database: Database,
  options: {
    clock: Clock
    /** The runner's step lease; long where a lapse under load would hand the step to another file's runner. */
    leaseMs?: number
    /** Stops what the file started on top of the path (agents, raw sockets) before the path stops. */
    beforeStop?: () => Promise<void>
  },
): DevicePath {
  const path = {} as DevicePath
  beforeAll(async () => {
    path.gateway = await startTestGateway(database)
    path.driver = await startTestDriver(database)
    const lease = options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }
    path.runner = startTestRunner(database, {
      clock: options.clock,
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
