// PostgreSQL restarts under a running runner: the runner keeps retrying (it never exits),
// reconnects when the server is back, and runs started before and after the restart complete.
import { rmSync } from 'node:fs'
import path from 'node:path'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectDatabase, type Database } from '@/db/client'
import { findFreePort, startEmbeddedPostgres, type EmbeddedDatabase } from '@/db/embedded-postgres'
import { migrateDatabase } from '@/db/migrate'
import { resumeStep } from './run-store'
import type { RunningRunner } from './runner'
import {
  createScriptedDriver,
  createTestClock,
  echoStep,
  startTestRun,
  startTestRunner,
  waitForRun,
} from '@/server/testing/runner-test-kit'

const dataDir = path.resolve(`.data/test-pg-restart-${process.pid}`)
const clock = createTestClock()
let port = 0
let server: EmbeddedDatabase
let database: Database
let runner: RunningRunner
/** How many loop iterations of the runner have failed so far (from its error log lines). */
let failedIterations = 0
const countingLogger = pino({ level: 'error' }, { write: () => void failedIterations++ })

beforeAll(async () => {
  port = await findFreePort()
  server = await startEmbeddedPostgres({ dataDir, port })
  await migrateDatabase(server.url)
  database = connectDatabase(server.url, { max: 4 })
  runner = startTestRunner(database, {
    clock,
    logger: countingLogger,
    drivers: { devices: createScriptedDriver().driver },
  })
}, 120_000)

afterAll(async () => {
  await runner.stop()
  await database.close()
  await server.stop()
  rmSync(dataDir, { recursive: true, force: true })
}, 60_000)

describe('PostgreSQL restart', () => {
  it('the runner survives a database restart and finishes runs started before and after it', async () => {
    const gated = await startTestRun(database, clock, {
      name: 'Across a restart',
      steps: [
        echoStep('before'),
        {
          id: 'gate',
          name: 'gate',
          type: 'wait',
          wait: { kind: 'signal', signal: 'go' },
          dependencies: ['before'],
        },
        echoStep('after', { dependencies: ['gate'] }),
      ],
    })
    await waitForRun(database, gated.executionId, (r) => r.statuses.gate === 'waiting')

    const failedBefore = failedIterations
    await server.stop()
    // The runner's loops now fail on every query: wait until they have failed and retried a few times.
    await expect.poll(() => failedIterations - failedBefore, { timeout: 60_000 }).toBeGreaterThanOrEqual(3)
    server = await startEmbeddedPostgres({ dataDir, port })

    await resumeStep({ db: database.db, clock }, { id: gated.executionId, stepId: 'gate', signal: 'go' })
    const resumed = await waitForRun(database, gated.executionId, undefined, 60_000)
    expect(resumed.statuses).toEqual({ before: 'succeeded', gate: 'succeeded', after: 'succeeded' })

    const fresh = await startTestRun(database, clock, {
      name: 'After the restart',
      steps: [echoStep('only')],
    })
    expect((await waitForRun(database, fresh.executionId, undefined, 60_000)).execution.status).toBe(
      'succeeded',
    )
  }, 240_000)
})
