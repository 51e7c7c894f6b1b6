// Routing over real sockets and a real database: strategies, max concurrency with queueing, drain,
// fan-out to all, and no_capable_device. Agents run in this process through the SDK (same protocol).
import { describe, expect, it } from 'vitest'
import { gatewayAndDriverForFile } from '@/server/testing/device-path-kit'
import { createAgent, type Agent } from '@/agent/index'
import type { TDeviceTarget } from '@/server/engine/device-target'
import { connectTestDatabase } from '@/server/testing/test-api'
import { setDraining } from '../fleet/device-admin'
import type { DeviceDriver, DispatchResult } from '@/server/runner/ports'
import { createTestDevice, uniqueTag } from '@/server/testing/device-test-kit'

const database = connectTestDatabase()
const agents: Agent[] = []

const devicePath = gatewayAndDriverForFile(database, {
  beforeStop: async () => {
    await Promise.all(agents.map((a) => a.stop()))
  },
})

/** `count` devices sharing a fresh tag, each an SDK agent with `concurrency` slots. */
async function fleet(count: number, concurrency = 4) {
  const tag = uniqueTag('fleet')
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const device = await createTestDevice(database, `${tag}-${i}`)
    const agent = createAgent({
      server: devicePath.gateway.url,
      token: device.token,
      tags: [tag],
      concurrency,
    })
    agents.push(agent)
    await agent.start()
    ids.push(device.deviceId)
  }
  await waitForDriverToSee(devicePath.driver, tag, count)
  return { tag, ids }
}

async function waitForDriverToSee(d: DeviceDriver, tag: string, count: number) {
  await expect
    .poll(() => d.matchDevices({ selector: { tags: [tag] } }, 'echo').length, { timeout: 5000 })
    .toBe(count)
}

let counter = 0
function dispatch(
  action: string,
  params: Record<string, unknown>,
  target: TDeviceTarget,
  timeoutMs = 15_000,
) {
  return devicePath.driver.dispatch({
    commandId: `routing-${Date.now()}-${counter++}`,
    action,
    params,
    target,
    timeoutMs,
    signal: new AbortController().signal,
  })
}

const deviceOf = (r: DispatchResult) => r.deviceId

describe('routing', () => {
  it('round-robin visits every matching device in turn', async () => {
    const { tag, ids } = await fleet(3)
    const order: (string | undefined)[] = []
    for (let i = 0; i < 6; i++)
      order.push(deviceOf(await dispatch('echo', {}, { selector: { tags: [tag] }, strategy: 'round-robin' })))
    expect(new Set(order.slice(0, 3))).toEqual(new Set(ids))
    expect(order.slice(3)).toEqual(order.slice(0, 3))
  })

  it('least-loaded sends work to the device with the most free capacity', async () => {
    const { tag, ids } = await fleet(2)
    const [busy, idle] = ids as [string, string]
    const long = [1, 2, 3].map(() => dispatch('sleep', { ms: 1500 }, { deviceId: busy }))
    await expect.poll(() => activeCount(busy), { timeout: 5000 }).toBe(3)
    const picked = [
      deviceOf(await dispatch('sleep', { ms: 400 }, { selector: { tags: [tag] } })),
      deviceOf(await dispatch('echo', {}, { selector: { tags: [tag] } })),
    ]
    expect(picked).toEqual([idle, idle])
    await Promise.all(long)
  })

  it('random spreads commands over the matching devices', async () => {
    const { tag, ids } = await fleet(3)
    const seen = new Set<string | undefined>()
    for (let i = 0; i < 24; i++)
      seen.add(deviceOf(await dispatch('echo', {}, { selector: { tags: [tag] }, strategy: 'random' })))
    expect(seen).toEqual(new Set(ids))
  })

  it('never exceeds a device max concurrency; extra commands queue until a slot frees', async () => {
    const { tag } = await fleet(2, 2)
    const results = await Promise.all(
      Array.from({ length: 6 }, () => dispatch('sleep', { ms: 300 }, { selector: { tags: [tag] } })),
    )
    expect(results.every((r) => r.ok)).toBe(true)
    const rows = await database.sql<{ device_id: string; started_at: string; finished_at: string }[]>`
      SELECT device_id, started_at, finished_at FROM device_commands WHERE device_id IN (
        SELECT id FROM devices WHERE tags ? ${tag}) ORDER BY started_at`
    expect(rows).toHaveLength(6)
    for (const row of rows) {
      const overlapping = rows.filter(
        (o) =>
          o.device_id === row.device_id &&
          Date.parse(o.started_at) <= Date.parse(row.started_at) &&
          Date.parse(o.finished_at) > Date.parse(row.started_at),
      )
      expect(overlapping.length).toBeLessThanOrEqual(2)
    }
  })

  it('all runs the command once on every matching device', async () => {
    const { tag, ids } = await fleet(3)
    const result = await dispatch('echo', { hi: 1 }, { selector: { tags: [tag] }, strategy: 'all' })
    expect(result.ok).toBe(true)
    expect(Object.keys((result as { output: { devices: object } }).output.devices).sort()).toEqual(
      [...ids].sort(),
    )
  })

  it('a draining device finishes its command and gets no new ones', async () => {
    const { tag, ids } = await fleet(2)
    const [draining, other] = ids as [string, string]
    const running = dispatch('sleep', { ms: 600 }, { deviceId: draining })
    await expect.poll(() => activeCount(draining), { timeout: 5000 }).toBe(1)
    await setDraining(database.db, draining, true)
    await expect
      .poll(() => devicePath.driver.matchDevices({ selector: { tags: [tag] } }, 'echo').length, {
        timeout: 5000,
      })
      .toBe(1)
    for (let i = 0; i < 3; i++)
      expect(
        deviceOf(await dispatch('echo', {}, { selector: { tags: [tag] }, strategy: 'round-robin' })),
      ).toBe(other)
    expect(await running).toMatchObject({ ok: true, deviceId: draining })
  })

  it('fails with no_capable_device before the step timeout when nothing matches', async () => {
    const started = Date.now()
    const result = await dispatch('echo', {}, { selector: { tags: [uniqueTag('nobody')] } }, 1500)
    expect(result).toMatchObject({ ok: false, error: { code: 'no_capable_device', retryable: true } })
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
  })
})

async function activeCount(deviceId: string): Promise<number> {
  const [row] = await database.sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM device_commands WHERE device_id = ${deviceId} AND status IN ('acked', 'running')`
  return row?.n ?? 0
}
