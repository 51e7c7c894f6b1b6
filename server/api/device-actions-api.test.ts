// `devices.actions`: what SDK agents announce in their hello comes back per action with its
// description, online count and parameter schema; when devices disagree the newest online one wins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createAgent, type Agent } from '@/agent/index'
import { connectTestDatabase, createTestApi } from '@/server/testing/test-api'
import { createTestDevice, startTestGateway, uniqueTag } from '@/server/testing/device-test-kit'

const database = connectTestDatabase()
const { api } = createTestApi(database)
let gateway: Awaited<ReturnType<typeof startTestGateway>>
const agents: Agent[] = []

beforeAll(async () => {
  gateway = await startTestGateway(database)
})
afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop()))
  await gateway.stop()
  await database.close()
})

async function startProbeAgent(action: string, schema: z.ZodType, description: string): Promise<Agent> {
  const device = await createTestDevice(database)
  const agent = createAgent({
    server: gateway.url,
    token: device.token,
    builtinActions: false,
    reconnectDelayMs: 50,
  })
  agent.action(action, schema, () => ({ ok: true }), { description })
  agents.push(agent)
  await agent.start()
  return agent
}

async function actionNamed(name: string) {
  return (await api.devices.actions()).items.find((a) => a.name === name)
}

describe('devices.actions', () => {
  it('returns an agent’s announced schema and description with the number of online devices', async () => {
    const name = `probe.${uniqueTag('one').replace(/-/g, '_')}`
    await startProbeAgent(
      name,
      z.object({
        host: z.string().min(1),
        port: z.number().int().default(22),
        mode: z.enum(['fast', 'full']),
      }),
      'Probes a host',
    )
    await startProbeAgent(
      name,
      z.object({
        host: z.string().min(1),
        port: z.number().int().default(22),
        mode: z.enum(['fast', 'full']),
      }),
      'Probes a host',
    )
    const action = await actionNamed(name)
    expect(action).toMatchObject({
      description: 'Probes a host',
      onlineDevices: 2,
      registeredDevices: 2,
      schemasDiffer: false,
      schemaFrom: 'online',
    })
    expect(action?.paramsSchema).toMatchObject({
      type: 'object',
      required: ['host', 'mode'],
      properties: {
        host: { type: 'string', minLength: 1 },
        port: { type: 'integer', default: 22 },
        mode: { enum: ['fast', 'full'] },
      },
    })
  })

  it('shows the newest online device’s schema when devices disagree, and counts only online devices', async () => {
    const name = `probe.${uniqueTag('two').replace(/-/g, '_')}`
    const older = await startProbeAgent(name, z.object({ v1: z.string() }), 'old')
    const newer = await startProbeAgent(name, z.object({ v2: z.boolean() }), 'new')
    expect(await actionNamed(name)).toMatchObject({
      description: 'new',
      onlineDevices: 2,
      schemasDiffer: true,
      paramsSchema: { properties: { v2: { type: 'boolean' } } },
    })

    await newer.stop()
    await expect.poll(async () => (await actionNamed(name))?.onlineDevices).toBe(1)
    expect(await actionNamed(name)).toMatchObject({
      description: 'old',
      registeredDevices: 2,
      schemaFrom: 'online',
      paramsSchema: { properties: { v1: { type: 'string' } } },
    })

    await older.stop()
    await expect.poll(async () => (await actionNamed(name))?.onlineDevices).toBe(0)
    expect(await actionNamed(name)).toMatchObject({
      registeredDevices: 2,
      schemaFrom: 'offline',
      description: 'new',
    })
  })
})
