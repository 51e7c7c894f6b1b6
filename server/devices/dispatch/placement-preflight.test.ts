// The device pre-flight at run start, against the registered fleet in a real database and a real
// agent: runs.start, a webhook and a schedule refuse a run whose static target no registered,
// non-revoked device satisfies, naming the step and what is missing, and write no run; a device
// that registers the action lifts the refusal (even once offline); expression targets wait for dispatch.
import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAgent, type Agent } from '@/agent/index'
import type { WorkflowError } from '@/server/engine/errors'
import { createLogger } from '@/server/platform/logger'
import { registerScriptedFleet } from '@/server/testing/runner-test-kit'
import { connectTestDatabase, createTestApi } from '@/server/testing/test-api'
import { fireDueSchedules } from '@/server/triggers/schedule-firing'
import { countRuns, createManualClock, startTestHttpServer } from '@/server/testing/trigger-test-kit'
import { revokeDevice } from '../fleet/device-admin'
import { createTestDevice, startTestGateway, uniqueTag } from '@/server/testing/device-test-kit'

const database = connectTestDatabase()
const clock = createManualClock(new Date('2041-03-01T00:00:30Z'))
const { api, context } = createTestApi(database, clock)
let gateway: Awaited<ReturnType<typeof startTestGateway>>
let http: Awaited<ReturnType<typeof startTestHttpServer>>
const agents: Agent[] = []

beforeAll(() => registerScriptedFleet(database))
beforeAll(async () => {
  gateway = await startTestGateway(database)
  http = await startTestHttpServer(context)
})
afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop()))
  await http.close()
  await gateway.stop()
  await database.close()
})

/** echo first (the registered scripted fleet offers it), then `check.disk` on devices tagged `tag`. */
async function diskWorkflow(tag: string, target: unknown = { selector: { tags: [tag] } }) {
  const saved = await api.workflows.create({
    definition: {
      name: uniqueTag('Disk check'),
      inputs: { type: 'object', properties: { tag: { type: 'string' } } },
      steps: [
        { id: 'prepare', name: 'prepare', type: 'command', action: 'echo' },
        {
          id: 'disk',
          name: 'disk',
          type: 'command',
          action: 'check.disk',
          target,
          dependencies: ['prepare'],
        },
      ],
    },
  })
  return saved.workflowId
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(TRPCError)
  const trpc = error as TRPCError
  return { code: trpc.code, message: trpc.message, issues: (trpc.cause as WorkflowError).issues }
}

describe('device pre-flight at run start', () => {
  it('runs.start refuses a run no registered device can place, names the step and what is missing, and writes nothing', async () => {
    const tag = uniqueTag('eu')
    const workflowId = await diskWorkflow(tag)
    const refused = await refusal(api.runs.start({ workflowId }))
    expect(refused.code).toBe('PRECONDITION_FAILED')
    expect(refused.message).toMatch(
      new RegExp(
        `^The run was not started: step "disk": No device offers \`check\\.disk\` with tag \`${tag}\`; 0 of \\d+ online devices? match\\.`,
      ),
    )
    expect(refused.issues).toEqual([
      {
        code: 'no_capable_device',
        severity: 'error',
        stepId: 'disk',
        path: ['steps', 1, 'target'],
        message: expect.stringContaining(`No device offers \`check.disk\` with tag \`${tag}\``) as string,
      },
    ])
    expect(await countRuns(database, workflowId)).toBe(0)
  })

  it('a device offering the action lifts the refusal, even once it is offline; revoked, it no longer counts', async () => {
    const tag = uniqueTag('eu')
    const workflowId = await diskWorkflow(tag)
    const device = await createTestDevice(database, uniqueTag('disk'))
    const agent = createAgent({ server: gateway.url, token: device.token, tags: [tag] }).action(
      'check.disk',
      z.object({}),
      () => Promise.resolve({ free: '42%' }),
    )
    agents.push(agent)
    await agent.start()
    await expect(api.runs.start({ workflowId })).resolves.toMatchObject({
      executionId: expect.any(String) as string,
    })
    await agent.stop()
    await expect
      .poll(async () => (await api.devices.get({ id: device.deviceId })).status, { timeout: 5000 })
      .toBe('offline')
    await expect(api.runs.start({ workflowId })).resolves.toMatchObject({
      executionId: expect.any(String) as string,
    })
    await revokeDevice(database.db, device.deviceId)
    expect((await refusal(api.runs.start({ workflowId }))).code).toBe('PRECONDITION_FAILED')
    expect(await countRuns(database, workflowId)).toBe(2)
  })

  it('a target built from run data is left to dispatch', async () => {
    const workflowId = await diskWorkflow('unused', { selector: { tags: ['{{ inputs.tag }}'] } })
    await expect(api.runs.start({ workflowId, inputs: { tag: uniqueTag('nobody') } })).resolves.toBeDefined()
  })

  it('a webhook answers 422 naming the step, and starts nothing', async () => {
    const tag = uniqueTag('eu')
    const workflowId = await diskWorkflow(tag)
    const hook = await api.triggers.webhooks.enable({ workflowId, signed: false })
    const response = await fetch(`${http.base}${hook.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(response.status).toBe(422)
    const body = (await response.json()) as {
      error: { code: string; message: string; issues: { stepId: string }[] }
    }
    expect(body.error.code).toBe('no_capable_device')
    expect(body.error.message).toContain(`step "disk": No device offers \`check.disk\` with tag \`${tag}\``)
    expect(body.error.issues.map((i) => i.stepId)).toEqual(['disk'])
    expect(await countRuns(database, workflowId)).toBe(0)
  })

  it('a schedule records the refusal on its fire and starts nothing', async () => {
    const tag = uniqueTag('eu')
    const workflowId = await diskWorkflow(tag)
    const schedule = await api.triggers.schedules.create({ workflowId, cron: '* * * * *', inputs: {} })
    clock.set('2041-03-01T00:01:05Z')
    await fireDueSchedules({ db: database.db, clock, logger: createLogger('silent') })
    const fires = await api.triggers.schedules.fires({ id: schedule.id })
    expect(fires.items).toMatchObject([
      { status: 'failed', executionId: null, error: { code: 'no_capable_device' } },
    ])
    expect(fires.items[0]?.error?.message).toContain(`No device offers \`check.disk\` with tag \`${tag}\``)
    expect(await countRuns(database, workflowId)).toBe(0)
  })
})
