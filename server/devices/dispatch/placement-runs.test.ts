// Placement at run time with a real runner, a real gateway and real agents: parallel targets are
// rendered per item, a fan-out over devices that matches none fails, and a step with no capable
// online device fails with no_capable_device at its placement timeout (not its step timeout) after
// recording why it waits, or starts as soon as a capable device comes online.
import { describe, expect, it } from 'vitest'
import { devicePathForFile } from '@/server/testing/device-path-kit'
import { createAgent, type Agent } from '@/agent/index'
import { createTestClock, loadRun, startTestRun, waitForRun } from '@/server/testing/runner-test-kit'
import { connectTestDatabase } from '@/server/testing/test-api'
import { createTestDevice, uniqueTag } from '@/server/testing/device-test-kit'

const database = connectTestDatabase()
const clock = createTestClock()
const agents: Agent[] = []

const devicePath = devicePathForFile(database, {
  clock,
  beforeStop: async () => {
    await Promise.all(agents.map((a) => a.stop()))
  },
})

/** A connected SDK agent (the real protocol over a real socket) with these tags. */
async function connectDevice(tags: string[]) {
  const device = await createTestDevice(database, uniqueTag('placement'))
  const agent = createAgent({ server: devicePath.gateway.url, token: device.token, tags })
  agents.push(agent)
  await agent.start()
  await expect
    .poll(() => devicePath.driver.matchDevices({ deviceId: device.deviceId }, 'echo').length, {
      timeout: 5000,
    })
    .toBe(1)
  return device.deviceId
}

type Branch = { key: string; ok: boolean; deviceId?: string; output?: unknown }
const branchesOf = (output: unknown) => (output as { total: number; results: Branch[] }).results

describe('parallel targets and fan-outs', () => {
  it('renders a parallel target per item: the device id from item, tags from inputs', async () => {
    const tag = uniqueTag('eu')
    const tagged = await connectDevice([tag])
    const other = await connectDevice([uniqueTag('us')])
    const { executionId } = await startTestRun(
      database,
      clock,
      {
        name: 'Per-item targets',
        inputs: { type: 'object', properties: { tag: { type: 'string' } } },
        steps: [
          {
            id: 'by_id',
            name: 'by id',
            type: 'parallel',
            over: 'items',
            items: [other],
            action: 'echo',
            params: { n: '{{ index }}' },
            target: { deviceId: '{{ item }}' },
          },
          {
            id: 'by_tag',
            name: 'by tag',
            type: 'parallel',
            over: 'items',
            items: ['a', 'b'],
            action: 'echo',
            params: { item: '{{ item }}' },
            target: { selector: { tags: ['{{ inputs.tag }}'] } },
          },
          {
            id: 'devices_by_tag',
            name: 'devices by tag',
            type: 'parallel',
            over: 'devices',
            action: 'echo',
            target: { selector: { tags: ['{{ inputs.tag }}'] } },
          },
        ],
      },
      { tag },
    )
    const run = await waitForRun(database, executionId, undefined, 15_000)
    expect(run.execution.status).toBe('succeeded')
    expect(branchesOf(run.steps.by_id?.output)).toMatchObject([
      { key: '0', ok: true, deviceId: other, output: { n: 0 } },
    ])
    expect(branchesOf(run.steps.by_tag?.output).map((b) => [b.deviceId, b.output])).toEqual([
      [tagged, { item: 'a' }],
      [tagged, { item: 'b' }],
    ])
    expect(branchesOf(run.steps.devices_by_tag?.output).map((b) => b.deviceId)).toEqual([tagged])
  })

  it('a fan-out over devices that matches none fails with no_capable_device; allowEmpty and an empty list succeed', async () => {
    await connectDevice([uniqueTag('someone')])
    const typo = uniqueTag('typo')
    const fanOut = (id: string, extra: Record<string, unknown>) => ({
      id,
      name: id,
      type: 'parallel',
      action: 'echo',
      placementTimeout: '200ms',
      ...extra,
    })
    const { executionId } = await startTestRun(database, clock, {
      name: 'Empty fan-outs',
      errorHandling: { strategy: 'continue' },
      steps: [
        fanOut('typo', { over: 'devices', target: { selector: { tags: [typo] } } }),
        fanOut('allowed', { over: 'devices', target: { selector: { tags: [typo] } }, allowEmpty: true }),
        fanOut('no_items', { over: 'items', items: [], target: { selector: { tags: [typo] } } }),
      ],
    })
    const run = await waitForRun(database, executionId, undefined, 15_000)
    expect(run.statuses).toEqual({ typo: 'failed', allowed: 'succeeded', no_items: 'succeeded' })
    expect(run.steps.typo?.error).toMatchObject({
      code: 'no_capable_device',
      message: expect.stringContaining(`No online device offers \`echo\` with tag \`${typo}\``) as string,
    })
    expect(run.steps.allowed?.output).toMatchObject({ total: 0 })
    expect(run.steps.no_items?.output).toMatchObject({ total: 0 })
  })
})

describe('placement deadline', () => {
  it('a step with no capable online device fails at its placement timeout, not its step timeout, saying why it waited', async () => {
    await connectDevice([uniqueTag('present')])
    const missing = uniqueTag('missing')
    const { executionId } = await startTestRun(database, clock, {
      name: 'No capable device',
      placementTimeout: '600ms',
      steps: [
        {
          id: 'disk',
          name: 'disk',
          type: 'command',
          action: 'echo',
          timeout: '1h',
          target: { selector: { tags: [missing] } },
        },
      ],
    })
    const run = await waitForRun(database, executionId, undefined, 15_000)
    expect(run.execution.status).toBe('failed')
    expect(run.steps.disk?.error).toMatchObject({ code: 'no_capable_device', retryable: true })
    expect((run.steps.disk?.error as { message: string }).message).toMatch(
      new RegExp(
        `^No capable device came online within the placement timeout of 600ms: no device offers \`echo\` with tag \`${missing}\`; 0 of \\d+ online devices? match\\.`,
      ),
    )
    const types = run.events.filter((e) => e.stepId === 'disk' && e.type !== 'step.ready').map((e) => e.type)
    expect(types).toEqual(['step.running', 'step.awaiting_device', 'step.failed'])
    const waiting = run.events.find((e) => e.type === 'step.awaiting_device')
    expect(waiting?.payload).toMatchObject({
      attempt: 1,
      wait: 'no_capable_device',
      reason: expect.stringMatching(
        new RegExp(
          `^waiting for a device: no device offers \`echo\` with tag \`${missing}\`; 0 of \\d+ online devices? match`,
        ),
      ) as string,
    })
  })

  it("a step's own placementTimeout overrides the workflow's", async () => {
    const { executionId } = await startTestRun(database, clock, {
      name: 'Step override',
      placementTimeout: '1h',
      steps: [
        {
          id: 'quick',
          name: 'quick',
          type: 'command',
          action: 'echo',
          placementTimeout: '300ms',
          target: { selector: { tags: [uniqueTag('missing')] } },
        },
      ],
    })
    const run = await waitForRun(database, executionId, undefined, 15_000)
    expect(run.steps.quick?.error).toMatchObject({ code: 'no_capable_device' })
  })

  it('a waiting step starts as soon as a capable device comes online', async () => {
    const late = uniqueTag('late')
    const { executionId } = await startTestRun(database, clock, {
      name: 'Late device',
      steps: [
        {
          id: 'greet',
          name: 'greet',
          type: 'command',
          action: 'echo',
          params: { hi: 1 },
          target: { selector: { tags: [late] } },
        },
      ],
    })
    await expect
      .poll(async () => (await loadRun(database, executionId)).events.map((e) => e.type), { timeout: 10_000 })
      .toContain('step.awaiting_device')
    const deviceId = await connectDevice([late])
    const run = await waitForRun(database, executionId, undefined, 15_000)
    expect(run.execution.status).toBe('succeeded')
    expect(run.steps.greet?.output).toEqual({ hi: 1 })
    const [command] = await database.sql<{ device_id: string }[]>`
      SELECT device_id FROM device_commands WHERE step_execution_id = ${run.steps.greet!.id}`
    expect(command?.device_id).toBe(deviceId)
  })
})
