// The schedules API against a real PostgreSQL: create, list, update and delete, with every
// problem in cron, time zone and inputs reported at once by field, and nothing written on refusal.
import { TRPCError } from '@trpc/server'
import { afterAll, describe, expect, it } from 'vitest'
import { connectTestDatabase, createTestApi } from '@/server/testing/test-api'
import { createManualClock, greetingWorkflow } from '@/server/testing/trigger-test-kit'

const database = connectTestDatabase()
const clock = createManualClock(new Date('2030-06-01T00:00:00Z'))
const { api } = createTestApi(database, clock)
afterAll(() => database.close())

type Issue = { path: (string | number)[]; message: string }

async function refused(promise: Promise<unknown>, code: TRPCError['code']) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(TRPCError)
  expect((error as TRPCError).code).toBe(code)
  return error as TRPCError & { cause?: { issues?: Issue[] } }
}

async function newWorkflow() {
  return (await api.workflows.create({ definition: greetingWorkflow() })).workflowId
}

describe('schedules API', () => {
  it('creates a schedule whose next occurrence is read in its time zone, and lists it', async () => {
    const workflowId = await newWorkflow()
    const created = await api.triggers.schedules.create({
      workflowId,
      cron: '0 9 * * *',
      timezone: 'Europe/Paris',
      inputs: { name: 'Ada' },
    })
    // 09:00 in Paris is 07:00 UTC in summer time.
    expect(created).toMatchObject({
      enabled: true,
      missedFires: 0,
      lastFireAt: null,
      inputs: { name: 'Ada' },
    })
    expect(created.nextFireAt?.toISOString()).toBe('2030-06-01T07:00:00.000Z')
    const listed = await api.triggers.schedules.list({ workflowId })
    expect(listed.items.map((s) => s.id)).toEqual([created.id])
  })

  it('names the cron field for an expression it cannot read or that never fires', async () => {
    const workflowId = await newWorkflow()
    for (const cron of ['every day', '61 * * * *', '* * * * * *', '0 0 30 2 *']) {
      const error = await refused(
        api.triggers.schedules.create({ workflowId, cron, inputs: { name: 'Ada' } }),
        'BAD_REQUEST',
      )
      expect(error.cause?.issues?.map((i) => i.path)).toEqual([['cron']])
      expect(error.message).toContain(`cron: "${cron}"`)
    }
    expect((await api.triggers.schedules.list({ workflowId })).items).toEqual([])
  })

  it('names the timezone field for a zone that is not an IANA name', async () => {
    const workflowId = await newWorkflow()
    for (const timezone of ['Mars/Olympus_Mons', '+01:00', 'Local']) {
      const error = await refused(
        api.triggers.schedules.create({ workflowId, cron: '@daily', timezone, inputs: { name: 'Ada' } }),
        'BAD_REQUEST',
      )
      expect(error.cause?.issues?.map((i) => i.path)).toEqual([['timezone']])
      expect(error.message).toContain('timezone:')
    }
  })

  it('reports cron, timezone and input problems together, and writes nothing', async () => {
    const workflowId = await newWorkflow()
    const error = await refused(
      api.triggers.schedules.create({
        workflowId,
        cron: 'bad',
        timezone: 'Nowhere/Land',
        inputs: { times: 0 },
      }),
      'BAD_REQUEST',
    )
    expect(error.cause?.issues?.map((i) => i.path)).toEqual([
      ['timezone'],
      ['cron'],
      ['inputs', 'name'],
      ['inputs', 'times'],
    ])
    expect((await api.triggers.schedules.list({ workflowId })).items).toEqual([])
  })

  it('updates: a new cron moves the next occurrence, new inputs keep it, disabling clears it', async () => {
    const workflowId = await newWorkflow()
    const created = await api.triggers.schedules.create({
      workflowId,
      cron: '0 * * * *',
      inputs: { name: 'Ada' },
    })
    expect(created.nextFireAt?.toISOString()).toBe('2030-06-01T01:00:00.000Z')

    const recron = await api.triggers.schedules.update({ id: created.id, cron: '*/15 * * * *' })
    expect(recron.nextFireAt?.toISOString()).toBe('2030-06-01T00:15:00.000Z')
    const reinput = await api.triggers.schedules.update({
      id: created.id,
      inputs: { name: 'Grace', times: 2 },
    })
    expect(reinput).toMatchObject({ cron: '*/15 * * * *', inputs: { name: 'Grace', times: 2 } })
    expect(reinput.nextFireAt).toEqual(recron.nextFireAt)

    const badInputs = await refused(
      api.triggers.schedules.update({ id: created.id, inputs: { times: 3 } }),
      'BAD_REQUEST',
    )
    expect(badInputs.cause?.issues?.map((i) => i.path)).toEqual([['inputs', 'name']])
    const badZone = await refused(
      api.triggers.schedules.update({ id: created.id, timezone: 'Europe/Pariss' }),
      'BAD_REQUEST',
    )
    expect(badZone.cause?.issues?.map((i) => i.path)).toEqual([['timezone']])

    const disabled = await api.triggers.schedules.update({ id: created.id, enabled: false })
    expect(disabled).toMatchObject({ enabled: false, nextFireAt: null, inputs: { name: 'Grace', times: 2 } })
    clock.advance(20 * 60_000)
    const enabled = await api.triggers.schedules.update({ id: created.id, enabled: true })
    expect(enabled.nextFireAt?.toISOString()).toBe('2030-06-01T00:30:00.000Z')
  })

  it('deletes a schedule; unknown schedules and workflows are NOT_FOUND', async () => {
    const workflowId = await newWorkflow()
    const created = await api.triggers.schedules.create({
      workflowId,
      cron: '@hourly',
      inputs: { name: 'Ada' },
    })
    expect(await api.triggers.schedules.delete({ id: created.id })).toEqual({ id: created.id, deleted: true })
    expect((await api.triggers.schedules.list({ workflowId })).items).toEqual([])
    await refused(api.triggers.schedules.delete({ id: created.id }), 'NOT_FOUND')
    await refused(api.triggers.schedules.fires({ id: created.id }), 'NOT_FOUND')
    const missing = '00000000-0000-4000-8000-000000000000'
    await refused(api.triggers.schedules.create({ workflowId: missing, cron: '@daily' }), 'NOT_FOUND')
    await refused(api.triggers.schedules.list({ workflowId: missing }), 'NOT_FOUND')
  })

  it('goes away with its workflow', async () => {
    const workflowId = await newWorkflow()
    const created = await api.triggers.schedules.create({
      workflowId,
      cron: '@daily',
      inputs: { name: 'Ada' },
    })
    await api.workflows.delete({ id: workflowId })
    await refused(api.triggers.schedules.update({ id: created.id, enabled: false }), 'NOT_FOUND')
  })
})
