// The webhooks API against a real PostgreSQL: the token is shown once and stored only as its
// sha256; enable, rotate and disable refuse what does not make sense.
import { createHash } from 'node:crypto'
import { TRPCError } from '@trpc/server'
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { webhookTriggers } from '@/db/schema'
import { connectTestDatabase, createTestApi } from '@/server/testing/test-api'
import { greetingWorkflow } from '@/server/testing/trigger-test-kit'

const database = connectTestDatabase()
const { api } = createTestApi(database)
afterAll(() => database.close())

async function refused(promise: Promise<unknown>, code: TRPCError['code']) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(TRPCError)
  expect((error as TRPCError).code).toBe(code)
  return error as TRPCError
}

async function newWorkflow() {
  return (await api.workflows.create({ definition: greetingWorkflow() })).workflowId
}

describe('webhooks API', () => {
  it('stores only the sha256 of the token it shows once', async () => {
    const workflowId = await newWorkflow()
    expect(await api.triggers.webhooks.get({ workflowId })).toMatchObject({ enabled: false, tokenHint: null })
    const issued = await api.triggers.webhooks.enable({ workflowId })
    expect(issued.token).toMatch(/^rfwh_[A-Za-z0-9_-]{43}$/)
    expect(issued).toMatchObject({ enabled: true, signed: false, signingSecret: null })
    const [row] = await database.db
      .select()
      .from(webhookTriggers)
      .where(eq(webhookTriggers.workflowId, workflowId))
    expect(row?.tokenHash).toBe(createHash('sha256').update(issued.token).digest('hex'))
    expect(JSON.stringify(row)).not.toContain(issued.token)
    const status = await api.triggers.webhooks.get({ workflowId })
    expect(status).not.toHaveProperty('token')
  })

  it('refuses a second enable while one is enabled, and a rotate while none is', async () => {
    const workflowId = await newWorkflow()
    await refused(api.triggers.webhooks.rotate({ workflowId }), 'NOT_FOUND')
    await api.triggers.webhooks.enable({ workflowId })
    const again = await refused(api.triggers.webhooks.enable({ workflowId }), 'CONFLICT')
    expect(again.message).toContain('rotate it')
    await api.triggers.webhooks.disable({ workflowId })
    await refused(api.triggers.webhooks.rotate({ workflowId }), 'NOT_FOUND')
    const reenabled = await api.triggers.webhooks.enable({ workflowId, signed: true })
    expect(reenabled).toMatchObject({ enabled: true, signed: true })
    expect(reenabled.rotatedAt).toBeInstanceOf(Date)
  })

  it('rotates the signing secret on request and otherwise keeps it', async () => {
    const workflowId = await newWorkflow()
    const first = await api.triggers.webhooks.enable({ workflowId, signed: true })
    const kept = await api.triggers.webhooks.rotate({ workflowId })
    expect(kept).toMatchObject({ signed: true, signingSecret: null })
    const renewed = await api.triggers.webhooks.rotate({ workflowId, signed: true })
    expect(renewed.signingSecret).toMatch(/^rfws_/)
    expect(renewed.signingSecret).not.toBe(first.signingSecret)
    const unsigned = await api.triggers.webhooks.rotate({ workflowId, signed: false })
    expect(unsigned).toMatchObject({ signed: false, signingSecret: null })
  })

  it('answers NOT_FOUND for an unknown workflow', async () => {
    const missing = '00000000-0000-4000-8000-000000000000'
    await refused(api.triggers.webhooks.enable({ workflowId: missing }), 'NOT_FOUND')
    await refused(api.triggers.webhooks.get({ workflowId: missing }), 'NOT_FOUND')
    await refused(api.triggers.webhooks.disable({ workflowId: missing }), 'NOT_FOUND')
  })
})
