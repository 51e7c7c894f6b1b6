// Testing one step through the real runner, gateway and agent processes: upstream outputs come
// from sample data, a chosen device runs the command (and only it), and the test run stays out of
// the run lists, analytics and monitoring unless asked for.
import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { devicePathForFile } from '@/server/testing/device-path-kit'
import { deviceCommands } from '@/db/schema'
import { createDeviceToken } from '@/server/devices/fleet/device-admin'
import { killAgentsAfterAll, spawnAgent, uniqueTag } from '@/server/testing/device-test-kit'
import { createTestClock, waitForRun } from '@/server/testing/runner-test-kit'
import { connectTestDatabase, createTestApi, uniqueName } from '@/server/testing/test-api'

const database = connectTestDatabase()
const clock = createTestClock()
const { api } = createTestApi(database, clock)
killAgentsAfterAll()

const devicePath = devicePathForFile(database, { clock, leaseMs: 30_000 })

async function saveWorkflow(tag: string) {
  return api.workflows.create({
    definition: {
      name: uniqueName('test a step'),
      inputs: { type: 'object', properties: { greeting: { type: 'string', default: 'hi' } } },
      steps: [
        {
          id: 'fetch',
          name: 'fetch',
          type: 'command',
          action: 'echo',
          params: { v: 1 },
          target: { selector: { tags: [tag] } },
        },
        {
          id: 'shape',
          name: 'shape',
          type: 'transform',
          dependencies: ['fetch'],
          output: { doubled: '{{ steps.fetch.output.v * 2 }}', greeting: '{{ inputs.greeting }}' },
        },
        {
          id: 'report',
          name: 'report',
          type: 'command',
          action: 'echo',
          dependencies: ['shape'],
          params: { value: '{{ steps.shape.output.doubled }}' },
          target: { selector: { tags: [tag] } },
        },
      ],
    },
  })
}

describe('testing one step', () => {
  const tag = uniqueTag('stest')
  const devices: { id: string; token: string }[] = []

  beforeAll(async () => {
    for (const name of ['a', 'b']) {
      const device = await createDeviceToken(database.db, { name: `${tag}-${name}`, tags: [tag] })
      devices.push({ id: device.deviceId, token: device.token })
      await spawnAgent(devicePath.gateway.url, device.token, ['--tags', tag])
    }
  })

  it('runs a transform step on typed upstream data and the run inputs', async () => {
    const saved = await saveWorkflow(tag)
    const { executionId } = await api.runs.testStep({
      workflowId: saved.workflowId,
      stepId: 'shape',
      inputs: { greeting: 'hello' },
      upstream: { fetch: { v: 21 } },
    })
    const run = await waitForRun(database, executionId)
    expect(run.execution).toMatchObject({ status: 'succeeded', kind: 'test', trigger: 'test' })
    expect(run.statuses).toEqual({ fetch: 'succeeded', shape: 'succeeded' })
    expect(run.steps.shape?.output).toEqual({ doubled: 42, greeting: 'hello' })
    const commands = await database.db.execute(
      sql`SELECT c.id FROM device_commands c JOIN step_executions s ON s.id = c.step_execution_id WHERE s.execution_id = ${executionId}`,
    )
    expect(commands.length).toBe(0)
  })

  it('tests the unsaved document from the editor', async () => {
    const saved = await saveWorkflow(tag)
    const document = structuredClone(saved.definition) as { steps: { id: string; output?: unknown }[] }
    const shape = document.steps.find((s) => s.id === 'shape')
    if (shape) shape.output = { tripled: '{{ steps.fetch.output.v * 3 }}' }
    const { executionId } = await api.runs.testStep({
      workflowId: saved.workflowId,
      document,
      stepId: 'shape',
      upstream: { fetch: { v: 5 } },
    })
    expect((await waitForRun(database, executionId)).steps.shape?.output).toEqual({ tripled: 15 })
  })

  it.each([0, 1])('runs a command step on the chosen device %i and only there', async (which) => {
    const chosen = devices[which]?.id ?? ''
    const saved = await saveWorkflow(tag)
    const { executionId } = await api.runs.testStep({
      workflowId: saved.workflowId,
      stepId: 'report',
      upstream: { shape: { doubled: 8 } },
      deviceId: chosen,
    })
    const run = await waitForRun(database, executionId)
    expect(run.execution.status).toBe('succeeded')
    expect(run.statuses).toEqual({ fetch: 'succeeded', shape: 'succeeded', report: 'succeeded' })
    expect(run.steps.report?.output).toMatchObject({ value: 8 })
    const rowId = run.steps.report?.id ?? ''
    const commands = await database.db
      .select()
      .from(deviceCommands)
      .where(eq(deviceCommands.stepExecutionId, rowId))
    expect(commands.map((c) => c.deviceId)).toEqual([chosen])
  })

  it('keeps test runs out of the run lists, analytics and monitoring unless asked for', async () => {
    const saved = await saveWorkflow(tag)
    const { executionId } = await api.runs.testStep({
      workflowId: saved.workflowId,
      stepId: 'shape',
      upstream: { fetch: { v: 1 } },
    })
    await waitForRun(database, executionId)
    const workflowId = saved.workflowId
    expect((await api.runs.list({ workflowId })).items).toEqual([])
    expect((await api.runs.page({ workflowId })).items).toEqual([])
    expect((await api.runs.workflowSummary({ workflowId, recent: 5 })).total).toBe(0)
    expect(
      (await api.runs.list({ workflowId, includeTests: true })).items.map((r) => [r.id, r.kind]),
    ).toEqual([[executionId, 'test']])
    expect((await api.runs.page({ workflowId, includeTests: true })).items.map((r) => r.id)).toEqual([
      executionId,
    ])
    expect((await api.analytics.runTrend({ range: '1h', workflowId })).totals.runs).toBe(0)
    expect((await api.analytics.usage({ range: '1h', workflowId })).topWorkflows).toEqual([])
    const analysis = await api.monitoring.analyzeWorkflow({ workflowId, range: '1h' })
    expect(analysis.runs.total).toBe(0)
    expect(analysis.steps.every((s) => s.runs === 0)).toBe(true)
    expect((await api.runs.get({ id: executionId })).kind).toBe('test')
  })

  it('refuses a chosen device for a step that does not run on one', async () => {
    const saved = await saveWorkflow(tag)
    await expect(
      api.runs.testStep({ workflowId: saved.workflowId, stepId: 'shape', deviceId: devices[0]?.id ?? '' }),
    ).rejects.toThrow(/only a command step/)
  })
})
