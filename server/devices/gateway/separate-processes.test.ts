// The runner (this process), the gateway (a child process) and the agent (another child process)
// only share Postgres: a run's command still reaches the device and its result comes back.
import { spawn, type ChildProcess } from 'node:child_process'
import { afterAll, describe, expect, it, inject } from 'vitest'
import { createTestClock, startTestRun, startTestRunner, waitForRun } from '@/server/testing/runner-test-kit'
import { connectTestDatabase } from '@/server/testing/test-api'
import {
  createTestDevice,
  killAgentsAfterAll,
  spawnAgent,
  startTestDriver,
  uniqueTag,
} from '@/server/testing/device-test-kit'

const database = connectTestDatabase()
const clock = createTestClock()
killAgentsAfterAll()
const children: ChildProcess[] = []
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  await database.close()
})

function spawnGateway(): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/devices/gateway/gateway-process.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: inject('databaseUrl'),
      PORT: '0',
      GATEWAY_POLL_MS: '200',
      RELAYFLOW_DEVICE_HEARTBEAT_MS: '500',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /ready (http:\/\/\S+)/.exec(chunk.toString())
      if (match?.[1]) resolve(match[1])
    })
  })
}

describe('runner and gateway in separate processes', () => {
  it('a run in this process completes on an agent connected to a gateway in another process', async () => {
    const url = await spawnGateway()
    const tag = uniqueTag('split')
    const device = await createTestDevice(database)
    await spawnAgent(url, device.token, ['--tags', tag])
    const driver = await startTestDriver(database)
    const runner = startTestRunner(database, { clock, drivers: { devices: driver } })
    try {
      await expect
        .poll(() => driver.matchDevices({ selector: { tags: [tag] } }, 'echo').length, { timeout: 5000 })
        .toBe(1)
      const { executionId } = await startTestRun(database, clock, {
        name: 'Split',
        steps: [
          {
            id: 'a',
            name: 'a',
            type: 'command',
            action: 'echo',
            params: { n: 1 },
            target: { selector: { tags: [tag] } },
          },
          {
            id: 'b',
            name: 'b',
            type: 'command',
            action: 'system.info',
            target: { selector: { tags: [tag] } },
            dependencies: ['a'],
          },
        ],
      })
      const run = await waitForRun(database, executionId, undefined, 15_000)
      expect(run.execution.status).toBe('succeeded')
      expect(run.steps.a?.output).toEqual({ n: 1 })
      expect(run.steps.b?.output).toMatchObject({ platform: process.platform })
      const gateways =
        await database.sql`SELECT DISTINCT gateway_id FROM device_commands WHERE device_id = ${device.deviceId}`
      expect(gateways).toHaveLength(1)
      expect(gateways[0]?.gateway_id).not.toContain(`:${process.pid}:`)
    } finally {
      await runner.stop()
      await driver.stop()
    }
  }, 40_000)
})
