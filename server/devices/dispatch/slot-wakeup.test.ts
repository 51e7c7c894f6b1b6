// Waiting for a device slot over real sockets and a real database: a dispatch queued behind a busy
// device is woken by the commit that frees the slot (the drivers' fallback polls are set to ten
// minutes, so only the notification can wake them), across drivers on separate connections as
// across runner processes, and queued dispatches start in the order they began waiting.
import { z } from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAgent, type Agent } from '@/agent/index'
import type { Database } from '@/db/client'
import { createLogger } from '@/server/platform/logger'
import { connectTestDatabase } from '@/server/testing/test-api'
import type { DispatchRequest } from '@/server/runner/ports'
import { createTestDevice, startTestGateway, uniqueTag } from '@/server/testing/device-test-kit'
import { createGatewayDeviceDriver } from './gateway-device-driver'
import type { GatewayDeviceDriver } from './gateway-device-driver'

const NO_FALLBACK = { pollMs: 600_000, snapshotMs: 600_000 }
const database = connectTestDatabase()
/** A second runner process's connections: its own pool and its own LISTEN connection. */
const otherProcess = connectTestDatabase()
let gateway: Awaited<ReturnType<typeof startTestGateway>>
const drivers: GatewayDeviceDriver[] = []
const agents: Agent[] = []

async function startDriver(db: Database) {
  const driver = createGatewayDeviceDriver({
    db: db.db,
    sql: db.sql,
    logger: createLogger('silent'),
    ...NO_FALLBACK,
  })
  await driver.start()
  drivers.push(driver)
  return driver
}

beforeAll(async () => {
  gateway = await startTestGateway(database)
})
afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop()))
  for (const driver of drivers) await driver.stop()
  await gateway.stop()
  await otherProcess.close()
  await database.close()
})

/** One device with a single slot; `hold` runs until the test releases it. */
async function singleSlotDevice() {
  const tag = uniqueTag('slot')
  const device = await createTestDevice(database, tag)
  let release: () => void = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  const agent = createAgent({ server: gateway.url, token: device.token, tags: [tag], concurrency: 1 }).action(
    'hold',
    z.object({}),
    async () => {
      await held
      return { held: true }
    },
  )
  agents.push(agent)
  await agent.start()
  return { tag, deviceId: device.deviceId, release }
}

let counter = 0
function request(
  action: string,
  target: DispatchRequest['target'],
  params: Record<string, unknown> = {},
): DispatchRequest {
  return {
    commandId: `slot-${Date.now()}-${counter++}`,
    action,
    params,
    target,
    timeoutMs: 60_000,
    signal: new AbortController().signal,
  }
}

async function seen(driver: GatewayDeviceDriver, deviceId: string) {
  await driver.refresh()
  await expect.poll(() => driver.matchDevices({ deviceId }, 'echo').length, { timeout: 5000 }).toBe(1)
}

describe('waiting for a device slot', () => {
  it('each queued dispatch is woken by the commit that frees the slot, in this driver and another one', async () => {
    const { deviceId, release } = await singleSlotDevice()
    const here = await startDriver(database)
    const there = await startDriver(otherProcess)
    await seen(here, deviceId)
    await seen(there, deviceId)
    const blocker = here.dispatch(request('hold', { deviceId }))
    await expect.poll(() => inFlight(deviceId), { timeout: 5000 }).toBe(1)
    // Eight commands on one slot, queued in two drivers: each start needs a wake-up from a finish.
    const queued = Array.from({ length: 8 }, (_, i) =>
      (i % 2 === 0 ? here : there).dispatch(request('echo', { deviceId }, { i })),
    )
    await expect.poll(() => here.waitingDispatches() + there.waitingDispatches(), { timeout: 5000 }).toBe(8)
    release()
    const results = await Promise.all([blocker, ...queued])
    expect(results.map((r) => r.ok)).toEqual(Array.from({ length: 9 }, () => true))
    expect(results.slice(1).map((r) => (r.ok ? r.output : undefined))).toEqual(
      Array.from({ length: 8 }, (_, i) => ({ i })),
    )
  }, 30_000)

  it('queued dispatches start in the order they began waiting, whatever their target', async () => {
    const { tag, deviceId, release } = await singleSlotDevice()
    const driver = await startDriver(database)
    await seen(driver, deviceId)
    const blocker = driver.dispatch(request('hold', { deviceId }))
    await expect.poll(() => inFlight(deviceId), { timeout: 5000 }).toBe(1)
    const ids: string[] = []
    const queued = []
    for (let i = 0; i < 6; i++) {
      // Alternating targets that resolve to the same device: one queue across both.
      const target = i % 2 === 0 ? { deviceId } : { selector: { tags: [tag] } }
      const next = request('echo', target, { i })
      ids.push(next.commandId)
      queued.push(driver.dispatch(next))
      await expect.poll(() => driver.waitingDispatches(), { timeout: 5000 }).toBe(i + 1)
    }
    release()
    await Promise.all([blocker, ...queued])
    const started = await database.sql<{ id: string }[]>`
      SELECT id FROM device_commands WHERE id = ANY(${ids}) ORDER BY started_at, created_at`
    expect(started.map((r) => r.id)).toEqual(ids)
  }, 30_000)
})

async function inFlight(deviceId: string): Promise<number> {
  const [row] = await database.sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM device_commands WHERE device_id = ${deviceId} AND status IN ('acked', 'running')`
  return row?.n ?? 0
}
