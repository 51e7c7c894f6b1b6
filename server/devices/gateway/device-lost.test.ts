// A device that goes away mid-command fails that command with the retryable `device_lost`: with a
// retry policy the step lands on another device and the run succeeds; without one it fails visibly.
import { describe, expect, it } from 'vitest'
import { devicePathForFile } from '@/server/testing/device-path-kit'
import { createAgent } from '@/agent/index'
import { createTestClock, startTestRun, waitForRun } from '@/server/testing/runner-test-kit'
import { connectTestDatabase } from '@/server/testing/test-api'
import { createTestDevice, killAgentsAfterAll, spawnAgent, uniqueTag } from '@/server/testing/device-test-kit'

const database = connectTestDatabase()
const clock = createTestClock()
killAgentsAfterAll()

const devicePath = devicePathForFile(database, { clock })

const sleepStep = (tag: string, extra: Record<string, unknown> = {}) => ({
  id: 'work',
  name: 'work',
  type: 'command',
  action: 'sleep',
  params: { ms: 3000 },
  target: { selector: { tags: [tag] } },
  ...extra,
})

async function commandsOf(executionId: string) {
  return database.sql<{ id: string; device_id: string; status: string; error: { code: string } | null }[]>`
    SELECT c.id, c.device_id, c.status, c.error FROM device_commands c
    JOIN step_executions s ON s.id = c.step_execution_id WHERE s.execution_id = ${executionId} ORDER BY c.created_at`
}

describe('device lost mid-command', () => {
  it('an agent process killed mid-command: device_lost, the retry lands on another device, the run succeeds', async () => {
    const tag = uniqueTag('lost')
    const devices = await Promise.all([createTestDevice(database), createTestDevice(database)])
    const agents = new Map<string, Awaited<ReturnType<typeof spawnAgent>>>()
    for (const device of devices)
      agents.set(device.deviceId, await spawnAgent(devicePath.gateway.url, device.token, ['--tags', tag]))
    await expect
      .poll(() => devicePath.driver.matchDevices({ selector: { tags: [tag] } }, 'sleep').length, {
        timeout: 5000,
      })
      .toBe(2)

    const { executionId } = await startTestRun(database, clock, {
      name: 'Lost device',
      steps: [
        sleepStep(tag, {
          retryPolicy: { maxAttempts: 3, backoff: 'fixed', initialDelay: '100ms', jitter: 0 },
        }),
      ],
    })
    await expect
      .poll(async () => (await commandsOf(executionId))[0]?.status, { timeout: 10_000 })
      .toBe('running')
    const [first] = await commandsOf(executionId)
    agents.get(first?.device_id ?? '')?.child.kill('SIGKILL')

    const run = await waitForRun(database, executionId, undefined, 20_000)
    expect(run.execution.status).toBe('succeeded')
    expect(run.steps.work?.attempt).toBe(2)
    const commands = await commandsOf(executionId)
    expect(commands.map((c) => c.status)).toEqual(['failed', 'succeeded'])
    expect(commands[0]?.error?.code).toBe('device_lost')
    expect(commands[1]?.device_id).not.toBe(first?.device_id)
  }, 40_000)

  it('without a retry policy the step fails visibly with device_lost', async () => {
    const tag = uniqueTag('lost-once')
    const device = await createTestDevice(database)
    const agent = createAgent({ server: devicePath.gateway.url, token: device.token, tags: [tag] })
    await agent.start()
    await expect
      .poll(() => devicePath.driver.matchDevices({ selector: { tags: [tag] } }, 'sleep').length, {
        timeout: 5000,
      })
      .toBe(1)
    const { executionId } = await startTestRun(database, clock, {
      name: 'Lost once',
      steps: [sleepStep(tag)],
    })
    await expect
      .poll(async () => (await commandsOf(executionId))[0]?.status, { timeout: 10_000 })
      .toBe('running')
    await agent.stop()
    const run = await waitForRun(database, executionId, undefined, 10_000)
    expect(run.execution.status).toBe('failed')
    expect(run.steps.work?.error).toMatchObject({ code: 'device_lost', retryable: true })
  }, 30_000)
})
