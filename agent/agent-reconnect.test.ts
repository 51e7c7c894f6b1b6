// An agent that loses its connection mid-command keeps running it, reconnects with backoff, lists
// it in its next hello and reports the result then: the command succeeds once, not device_lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createTestDevice, startTestDriver, startTestGateway } from '@/server/testing/device-test-kit'
import { connectTestDatabase } from '@/server/testing/test-api'
import { abortableDelay } from './action-types'
import { createAgent, type Agent } from './agent'

const database = connectTestDatabase()
let gateway: Awaited<ReturnType<typeof startTestGateway>>
let driver: Awaited<ReturnType<typeof startTestDriver>>
let agent: Agent | undefined

beforeAll(async () => {
  gateway = await startTestGateway(database, { lostGraceMs: 10_000 })
  driver = await startTestDriver(database)
})
afterAll(async () => {
  await agent?.stop()
  await driver.stop()
  await gateway.stop()
  await database.close()
})

describe('agent reconnect', () => {
  it('reports a result it finished while disconnected after the next hello', async () => {
    const device = await createTestDevice(database)
    let runs = 0
    agent = createAgent({
      server: gateway.url,
      token: device.token,
      reconnectDelayMs: 1500,
      reconnectDelayMaxMs: 1500,
    }).action('work', z.object({ ms: z.number() }), async ({ ms }, { signal }) => {
      runs++
      await abortableDelay(ms, signal)
      return { done: true }
    })
    await agent.start()
    await expect
      .poll(() => driver.matchDevices({ deviceId: device.deviceId }, 'work').length, { timeout: 5000 })
      .toBe(1)
    const commandId = `reconnect-${Date.now()}`
    const pending = driver.dispatch({
      commandId,
      action: 'work',
      params: { ms: 400 },
      target: { deviceId: device.deviceId },
      timeoutMs: 20_000,
      signal: new AbortController().signal,
    })
    await expect.poll(() => agent?.load, { timeout: 5000 }).toBe(1)
    gateway.dropConnection(device.deviceId)
    await expect.poll(() => agent?.connected).toBe(false)
    expect(await pending).toEqual({ ok: true, output: { done: true }, deviceId: device.deviceId })
    expect(runs).toBe(1)
    const connections = await database.sql<{ connected_at: string }[]>`
      SELECT connected_at FROM device_connections WHERE device_id = ${device.deviceId} ORDER BY connected_at`
    expect(connections).toHaveLength(2)
    const [command] = await database.sql<
      { finished_at: string }[]
    >`SELECT finished_at FROM device_commands WHERE id = ${commandId}`
    // Finished while offline (the action took 400 ms, the reconnect at least 750 ms) and reported after the new hello.
    expect(Date.parse(command?.finished_at ?? '')).toBeGreaterThan(
      Date.parse(connections[1]?.connected_at ?? ''),
    )
  })
})
