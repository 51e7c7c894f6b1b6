// `npm start`'s demo fleet: the demo devices are regular agents in the same process, connected to
// the `/devices` gateway through the protocol, and runs on them succeed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '@/server/boot/relayflow-server'
import { startWholeServer } from '@/server/testing/whole-server'
import { createTestClock, startTestRun, waitForRun } from '@/server/testing/runner-test-kit'
import { connectTestDatabase } from '@/server/testing/test-api'
import { DEFAULT_DEMO_DEVICES } from './demo-fleet'

const database = connectTestDatabase()
const clock = createTestClock()
let server: RunningServer

beforeAll(async () => {
  server = await startWholeServer()
})
afterAll(async () => {
  await server.stop()
  await database.close()
})

describe('demo devices', () => {
  it('connect through the gateway as agents and run commands', async () => {
    const rows = await database.sql<{ id: string; status: string; agent_version: string | null }[]>`
      SELECT id, status, agent_version FROM devices WHERE id LIKE 'demo-%' ORDER BY id`
    expect(rows.map((r) => r.id)).toEqual(DEFAULT_DEMO_DEVICES.map((d) => d.id).sort())
    expect(rows.every((r) => r.status === 'online' && r.agent_version)).toBe(true)
    const { executionId } = await startTestRun(database, clock, {
      name: 'Demo',
      steps: [
        {
          id: 'hello',
          name: 'hello',
          type: 'command',
          action: 'echo',
          params: { n: 1 },
          target: { selector: { tags: ['edge', 'eu'] } },
        },
        {
          id: 'fan',
          name: 'fan',
          type: 'parallel',
          over: 'devices',
          action: 'system.info',
          target: { selector: { tags: ['server'] } },
          dependencies: ['hello'],
        },
      ],
    })
    const run = await waitForRun(database, executionId, undefined, 15_000)
    expect(run.execution.status).toBe('succeeded')
    expect(run.steps.hello?.output).toEqual({ n: 1, deviceId: 'demo-edge-eu' })
    expect(run.steps.fan?.output).toMatchObject({ total: 2, succeeded: 2 })
  })

  it('are counted as /devices connections in /metrics', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text()
    const line = text
      .split('\n')
      .find((l) => l.startsWith('relayflow_socket_connections{namespace="/devices"}'))
    expect(line?.split(' ').at(-1)).toBe(String(DEFAULT_DEMO_DEVICES.length))
  })
})
