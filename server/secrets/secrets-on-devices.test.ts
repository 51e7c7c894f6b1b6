// Secrets through the real device path (runner → gateway → agent process → result): the agent gets
// the value, and once the command is final no table holds it in clear, device_commands and
// device_command_logs included (server/secrets/command-secret-scrub.ts). secrets.test.ts covers the
// rest of the store with a scripted device devicePath.driver.
import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { devicePathForFile } from '@/server/testing/device-path-kit'
import { deviceCommands, secrets } from '@/db/schema'
import { createDeviceToken } from '@/server/devices/fleet/device-admin'
import { killAgentsAfterAll, spawnAgent, uniqueTag } from '@/server/testing/device-test-kit'
import { requestCancel } from '@/server/devices/dispatch/command-assignment'
import { appendLogLines, applyCommandResult, failCommand } from '@/server/devices/gateway/gateway-commands'
import { createTestClock, startTestRun, waitForRun } from '@/server/testing/runner-test-kit'
import { connectTestDatabase, createTestApi } from '@/server/testing/test-api'
import { tablesContaining } from '@/server/testing/auth-test-kit'
import { recordSecretGrants } from './secret-grants'

const database = connectTestDatabase()
const clock = createTestClock()
const { api } = createTestApi(database)
killAgentsAfterAll()

const devicePath = devicePathForFile(database, { clock, leaseMs: 30_000 })

async function newSecret(prefix: string): Promise<{ name: string; value: string }> {
  const name = `DEV_${Math.random().toString(36).slice(2, 10).toUpperCase()}`
  const value = `${prefix}-${Math.random().toString(36).slice(2)}`
  await api.secrets.create({ name, value })
  return { name, value }
}

/**
 * A runner-shaped command id (`<step row>:<attempt>`) whose attempt was given `secretName`, as
 * dispatch records it (server/secrets/step-secrets.ts): what the scrub goes by.
 */
async function grantedCommandId(
  secretName: string,
): Promise<{ id: string; stepExecutionId: string; attempt: number }> {
  const stepExecutionId = randomUUID()
  const [secret] = await database.db.select().from(secrets).where(eq(secrets.name, secretName))
  await recordSecretGrants(database.db, [
    { stepExecutionId, attempt: 1, name: secretName, ciphertext: secret?.ciphertext ?? '' },
  ])
  return { id: `${stepExecutionId}:1`, stepExecutionId, attempt: 1 }
}

describe('secrets on a real agent', () => {
  it('reach the agent, and leave device_commands (params and output) once the command is final', async () => {
    const { name, value } = await newSecret('agent-sees')
    const tag = uniqueTag('sec')
    const device = await createDeviceToken(database.db, { name: tag, tags: [tag] })
    await spawnAgent(devicePath.gateway.url, device.token, ['--tags', tag])
    const { executionId } = await startTestRun(database, clock, {
      name: 'secret on an agent',
      steps: [
        {
          id: 'call',
          name: 'call',
          type: 'command',
          action: 'echo',
          params: { header: `Bearer {{ secrets.${name} }}`, plain: 'visible' },
          target: { selector: { tags: [tag] } },
        },
      ],
    })
    const run = await waitForRun(database, executionId, undefined, 20_000)
    expect(run.execution.status).toBe('succeeded')
    // This step's commands only: other test files' runners may route their own steps to this
    // device too. Wait until all are final (a run can end before a straggling attempt's result).
    const stepRowId = run.steps.call?.id ?? ''
    const final = ['succeeded', 'failed', 'cancelled']
    const load = () =>
      database.db.select().from(deviceCommands).where(eq(deviceCommands.stepExecutionId, stepRowId))
    let commands = await load()
    for (let i = 0; i < 100 && !commands.every((c) => final.includes(c.status)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      commands = await load()
    }
    expect(commands.map((c) => c.deviceId)).toContain(device.deviceId)
    expect(
      commands.map((c) => c.status).filter((status) => !final.includes(status)),
      JSON.stringify(commands),
    ).toEqual([])
    const command = commands.find((c) => c.status === 'succeeded')
    expect(command?.status).toBe('succeeded')
    expect(command?.params).toEqual({ header: 'Bearer ***', plain: 'visible' })
    expect(command?.output).toEqual({ header: 'Bearer ***', plain: 'visible' })
    expect(await tablesContaining(database, value)).toEqual([])
  })

  it('are scrubbed from log lines and a failed result in the transaction that records it', async () => {
    const { name, value } = await newSecret('logged')
    const tag = uniqueTag('seclog')
    const device = await createDeviceToken(database.db, { name: tag, tags: [tag] })
    const granted = await grantedCommandId(name)
    const commandId = granted.id
    // A command as the gateway holds it while the device runs it: rendered params, logs in clear.
    await database.db.insert(deviceCommands).values({
      id: commandId,
      stepExecutionId: granted.stepExecutionId,
      attempt: granted.attempt,
      deviceId: device.deviceId,
      action: 'shell.exec',
      params: { [`key-${value}`]: [`curl -H "Authorization: ${value}"`] },
      status: 'running',
    })
    await appendLogLines(database.db, device.deviceId, {
      commandId,
      stream: 'stdout',
      lines: [`token=${value}`, 'nothing here', `${value}${value}`],
    })
    expect((await tablesContaining(database, value)).sort()).toEqual([
      'device_command_logs',
      'device_commands',
    ])
    const outcome = await applyCommandResult(database.db, device.deviceId, 'gw-test', {
      commandId,
      ok: false,
      error: { code: 'exit_code', message: `exit 1: ${value} refused`, retryable: false },
    })
    expect(outcome).toBe('applied')
    const [command] = await database.db.select().from(deviceCommands).where(eq(deviceCommands.id, commandId))
    expect(command).toMatchObject({
      status: 'failed',
      params: { 'key-***': ['curl -H "Authorization: ***"'] },
      error: { message: 'exit 1: *** refused' },
    })
    const lines = await database.db.execute<{ line: string }>(
      sql`SELECT line FROM device_command_logs WHERE command_id = ${commandId} ORDER BY id`,
    )
    expect(lines.map((l) => l.line)).toEqual(['token=***', 'nothing here', '******'])
    expect(await tablesContaining(database, value)).toEqual([])
  })

  it('are scrubbed when a queued command is cancelled, or one is failed by the gateway', async () => {
    const { name, value } = await newSecret('cancelled')
    const tag = uniqueTag('seccancel')
    const device = await createDeviceToken(database.db, { name: tag, tags: [tag] })
    const toCancel = await grantedCommandId(name)
    const toFail = await grantedCommandId(name)
    for (const [granted, status] of [
      [toCancel, 'queued'],
      [toFail, 'delivered'],
    ] as const)
      await database.db.insert(deviceCommands).values({
        id: granted.id,
        stepExecutionId: granted.stepExecutionId,
        attempt: granted.attempt,
        deviceId: device.deviceId,
        action: 'echo',
        params: { header: `Bearer ${value}` },
        status,
      })
    await requestCancel(database.db, toCancel.id)
    await failCommand(database.db, device.deviceId, toFail.id, {
      code: 'ack_timeout',
      message: `no ack for ${value}`,
      retryable: true,
    })
    const found = await database.db
      .select({ id: deviceCommands.id, status: deviceCommands.status, params: deviceCommands.params })
      .from(deviceCommands)
      .where(eq(deviceCommands.deviceId, device.deviceId))
    expect(found.map((c) => [c.status, c.params]).sort()).toEqual([
      ['cancelled', { header: 'Bearer ***' }],
      ['failed', { header: 'Bearer ***' }],
    ])
    expect(await tablesContaining(database, value)).toEqual([])
  })
})
