// The secrets store end to end: encrypted at rest, never readable back, resolved into a command
// step's params only at dispatch, redacted from stored outputs, errors and events, and checked
// by the pre-flight before saves and run starts. The same on a real agent, device_commands
// included: secrets-on-devices.test.ts.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { deviceCommands, secrets } from '@/db/schema'
import { createRunnerHarness, echoStep, startTestRun, waitForRun } from '@/server/testing/runner-test-kit'
import { createTestApi, uniqueName } from '@/server/testing/test-api'
import { errorOf, tablesContaining } from '@/server/testing/auth-test-kit'

const { database, clock, dispatched } = createRunnerHarness()
const { api } = createTestApi(database, clock)
const secretName = () => `TOKEN_${Math.random().toString(36).slice(2, 10).toUpperCase()}`

const rowsContaining = (needle: string) => tablesContaining(database, needle)

describe('secrets store', () => {
  it('encrypts values at rest and never returns them', async () => {
    const name = secretName()
    const value = `plain-${uniqueName('v').replace(/\W/g, '')}`
    await api.secrets.create({ name, value, description: 'test' })
    const [row] = await database.db.select().from(secrets).where(eq(secrets.name, name))
    expect(row?.ciphertext).toMatch(/^v1\./)
    expect(row?.ciphertext).not.toContain(value)
    const listed = await api.secrets.list()
    expect(JSON.stringify(listed)).not.toContain(value)
    expect(listed.find((s) => s.name === name)).toMatchObject({ readable: true, description: 'test' })
    expect(await rowsContaining(value)).toEqual([])
  })

  it('refuses a second secret with the same name, and rotates and deletes by name', async () => {
    const name = secretName()
    await api.secrets.create({ name, value: 'first value' })
    await expect(api.secrets.create({ name, value: 'other value' })).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    const before = (await database.db.select().from(secrets).where(eq(secrets.name, name)))[0]?.ciphertext
    await api.secrets.rotate({ name, value: 'second value' })
    const after = (await database.db.select().from(secrets).where(eq(secrets.name, name)))[0]
    expect(after?.ciphertext).not.toBe(before)
    expect(after?.rotatedAt).not.toBeNull()
    await api.secrets.delete({ name })
    await expect(api.secrets.delete({ name })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('secrets at dispatch', () => {
  it('resolves a secret into a command step’s params and redacts it from the stored output and events', async () => {
    const name = secretName()
    const value = `s3cr3t-${Math.random().toString(36).slice(2)}`
    await api.secrets.create({ name, value })
    const { executionId } = await startTestRun(database, clock, {
      name: 'uses a secret',
      steps: [echoStep('call', { params: { header: `Bearer {{ secrets.${name} }}`, plain: 'visible' } })],
    })
    const run = await waitForRun(database, executionId)
    expect(run.execution.status).toBe('succeeded')
    const sent = dispatched.find(
      (d) => d.params.plain === 'visible' && String(d.params.header).includes(value),
    )
    expect(sent?.params.header).toBe(`Bearer ${value}`) // the device got the real value
    expect(JSON.stringify(run.steps.call?.output)).toContain('Bearer ***')
    expect(JSON.stringify(run.steps.call?.output)).not.toContain(value)
    expect(JSON.stringify(run.events)).not.toContain(value)
    const viaApi = await api.runs.get({ id: executionId })
    expect(JSON.stringify(viaApi)).not.toContain(value)
    expect(await rowsContaining(value)).toEqual([])
  })

  it('redacts a secret from a step’s error message', async () => {
    const name = secretName()
    const value = `path${Math.random().toString(36).slice(2)}`
    await api.secrets.create({ name, value })
    const { executionId } = await startTestRun(database, clock, {
      name: 'secret in a failing url',
      steps: [
        {
          id: 'hook',
          name: 'hook',
          type: 'webhook',
          request: { method: 'GET', url: `http://127.0.0.1:1/{{ secrets.${name} }}`, timeout: '2s' },
        },
      ],
    })
    const run = await waitForRun(database, executionId, undefined, 10_000)
    expect(run.execution.status).toBe('failed')
    expect(JSON.stringify(run.steps.hook?.error)).toContain('***')
    expect(await rowsContaining(value)).toEqual([])
  })
})

describe('device data in API responses', () => {
  it('has secret values replaced, even though the gateway stored them in clear', async () => {
    const name = secretName()
    const value = `devicesees-${Math.random().toString(36).slice(2)}`
    await api.secrets.create({ name, value })
    const created = await api.devices.createToken({ name: uniqueName('dev'), serverUrl: 'http://localhost:3000' })
    await database.db.insert(deviceCommands).values({
      id: `cmd-${created.deviceId}`,
      deviceId: created.deviceId,
      action: 'echo',
      params: { header: `Bearer ${value}` },
      status: 'failed',
      error: { code: 'x', message: `refused ${value}`, retryable: false },
    })
    const device = await api.devices.get({ id: created.deviceId })
    expect(JSON.stringify(device)).toContain('Bearer ***')
    expect(JSON.stringify(device)).not.toContain(value)
  })
})

describe('secrets pre-flight', () => {
  const usingSecret = (secret: string) => ({
    name: uniqueName('preflight'),
    steps: [echoStep('deploy', { params: { token: `{{ secrets.${secret} }}` } })],
  })

  it('refuses to save a workflow naming a secret that does not exist, naming the step and field', async () => {
    const error = (await errorOf(api.workflows.create({ definition: usingSecret('NO_SUCH_SECRET') }))) as {
      code: string
      cause?: { issues?: unknown[] }
    }
    expect(error.code).toBe('BAD_REQUEST')
    expect(error.cause?.issues).toEqual([
      expect.objectContaining({
        code: 'unknown_secret',
        stepId: 'deploy',
        path: ['steps', 0, 'params', 'token'],
      }),
    ])
  })

  it('reports unknown secrets from workflows.validate', async () => {
    const result = await api.workflows.validate({ definition: usingSecret('NO_SUCH_SECRET') })
    expect(result.ok).toBe(false)
    expect(result.issues.map((i) => i.code)).toContain('unknown_secret')
  })

  it('refuses to start a run once a referenced secret is gone', async () => {
    const name = secretName()
    await api.secrets.create({ name, value: 'soon deleted' })
    const saved = await api.workflows.create({ definition: usingSecret(name) })
    await api.secrets.delete({ name })
    await expect(api.runs.start({ workflowId: saved.workflowId })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    })
  })

  it('rejects secrets outside command params and webhook requests', async () => {
    const result = await api.workflows.validate({
      definition: {
        name: uniqueName('misplaced'),
        steps: [
          echoStep('a'),
          { id: 'b', name: 'b', type: 'condition', dependencies: ['a'], expression: `secrets.X == "y"` },
        ],
      },
    })
    expect(result.issues.map((i) => i.code)).toContain('secret_not_allowed')
  })
})
