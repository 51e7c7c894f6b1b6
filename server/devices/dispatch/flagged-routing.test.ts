// least-loaded routing and anomaly detection over real sockets and a real database: a device with
// an injected failing or slow history is flagged, gets no command while an unflagged device has a
// free slot, and still gets work when the others are full (de-prioritised, not excluded).
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAgent, type Agent } from '@/agent/index'
import { createLogger } from '@/server/platform/logger'
import { createFlaggedDevices } from '@/server/metrics/flagged-devices'
import { textList } from '@/server/platform/sql-helpers'
import { connectTestDatabase } from '@/server/testing/test-api'
import type { DispatchResult } from '@/server/runner/ports'
import { createTestDevice, startTestGateway, uniqueTag } from '@/server/testing/device-test-kit'
import { createGatewayDeviceDriver } from './gateway-device-driver'
import type { GatewayDeviceDriver } from './gateway-device-driver'

const database = connectTestDatabase()
const clock = { now: () => new Date() }
const flagged = createFlaggedDevices({ db: database.db, clock }, 200)
let gateway: Awaited<ReturnType<typeof startTestGateway>>
let driver: GatewayDeviceDriver
const agents: Agent[] = []
const created = { devices: [] as string[], commands: [] as string[] }

beforeAll(async () => {
  gateway = await startTestGateway(database)
  driver = createGatewayDeviceDriver({
    db: database.db,
    sql: database.sql,
    logger: createLogger('silent'),
    pollMs: 100,
    snapshotMs: 200,
    flaggedDevices: flagged,
  })
  await driver.start()
})
afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop()))
  await driver.stop()
  await gateway.stop()
  await database.db.execute(sql`DELETE FROM device_commands WHERE id IN ${textList(created.commands)}`)
  await database.db.execute(sql`DELETE FROM devices WHERE id IN ${textList(created.devices)}`)
  await database.close()
})

/** Two connected devices sharing a fresh tag, two slots each: [suspect, healthy]. */
async function pair() {
  const tag = uniqueTag('flagged')
  const ids: string[] = []
  for (const name of ['suspect', 'healthy']) {
    const device = await createTestDevice(database, `${tag}-${name}`)
    const agent = createAgent({ server: gateway.url, token: device.token, tags: [tag], concurrency: 2 })
    agents.push(agent)
    await agent.start()
    ids.push(device.deviceId)
  }
  created.devices.push(...ids)
  await expect
    .poll(() => driver.matchDevices({ selector: { tags: [tag] } }, 'echo').length, { timeout: 5000 })
    .toBe(2)
  return { tag, suspect: ids[0] as string, healthy: ids[1] as string }
}

/** Finished commands in the last few minutes, as a device's history: `count` of them per device. */
async function history(deviceId: string, action: string, count: number, durationMs: number, failed: boolean) {
  const now = Date.now()
  const values = Array.from({ length: count }, (_, i) => {
    const id = `${uniqueTag('history')}-${i}`
    created.commands.push(id)
    const end = new Date(now - (i + 1) * 5000)
    return sql`(${id}, ${deviceId}, ${action}, ${failed ? 'failed' : 'succeeded'},
                ${new Date(end.getTime() - durationMs).toISOString()}::timestamptz, ${end.toISOString()}::timestamptz)`
  })
  await database.db.execute(
    sql`INSERT INTO device_commands (id, device_id, action, status, started_at, finished_at) VALUES ${sql.join(values, sql`, `)}`,
  )
}

async function flaggedNow(...ids: string[]) {
  await expect
    .poll(() => ids.map((id) => flagged.peek().has(id)), { timeout: 10_000 })
    .toEqual(ids.map(() => true))
}

let counter = 0
function dispatch(action: string, params: Record<string, unknown>, tag: string): Promise<DispatchResult> {
  return driver.dispatch({
    commandId: `flagged-${Date.now()}-${counter++}`,
    action,
    params,
    target: { selector: { tags: [tag] } },
    timeoutMs: 15_000,
    signal: new AbortController().signal,
  })
}

async function expectDeprioritised(tag: string, suspect: string, healthy: string) {
  expect(flagged.peek().has(healthy)).toBe(false)
  // Idle devices share least-loaded work in turn; a flagged one gets none while the other has room.
  const sequential: (string | undefined)[] = []
  for (let i = 0; i < 4; i++) sequential.push((await dispatch('echo', {}, tag)).deviceId)
  expect(sequential).toEqual([healthy, healthy, healthy, healthy])
  // Three at once on two slots each: the healthy device fills up, the third goes to the suspect.
  const concurrent = await Promise.all([1, 2, 3].map(() => dispatch('sleep', { ms: 800 }, tag)))
  expect(concurrent.every((r) => r.ok)).toBe(true)
  expect(concurrent.map((r) => r.deviceId).sort()).toEqual([healthy, healthy, suspect].sort())
}

describe('least-loaded routing with flagged devices', () => {
  it('a device failing far more than its peers is flagged and gets work only when the others are full', async () => {
    const { tag, suspect, healthy } = await pair()
    await history(suspect, 'deploy', 20, 1000, true)
    await history(healthy, 'deploy', 20, 1000, false)
    await flaggedNow(suspect)
    expect(flagged.peek().get(suspect)).toMatch(/^device .+ failed 20 of 20 commands \(100%\)/)
    await expectDeprioritised(tag, suspect, healthy)
  })

  it('a device far slower than its peers at the same work is flagged the same way', async () => {
    const { tag, suspect, healthy } = await pair()
    const action = uniqueTag('render')
    const peers = [uniqueTag('peer'), uniqueTag('peer'), uniqueTag('peer')]
    created.devices.push(...peers)
    await database.db.execute(
      sql`INSERT INTO devices (id, name, token_hash, token_prefix, status) VALUES ${sql.join(
        peers.map((id) => sql`(${id}, ${id}, ${id}, 'tok', 'offline')`),
        sql`, `,
      )}`,
    )
    await history(suspect, action, 10, 30_000, false)
    for (const peer of [healthy, ...peers]) await history(peer, action, 10, 8000, false)
    await flaggedNow(suspect)
    expect(flagged.peek().get(suspect)).toMatch(
      /runs .+ in 30 s \(median\), 3\.8× the fleet's median of 8 s$/,
    )
    await expectDeprioritised(tag, suspect, healthy)
  })
})
