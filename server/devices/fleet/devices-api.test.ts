// The `devices` API: create a token (shown once, stored hashed, with a command line that works),
// list with filters, detail with recent commands, drain and revoke; bad input names the field.
import { describe, expect, it } from 'vitest'
import { gatewayAndDriverForFile } from '@/server/testing/device-path-kit'
import { connectTestDatabase, createTestApi } from '@/server/testing/test-api'
import {
  killAgentsAfterAll,
  spawnAgent,
  spawnAgentWithArgs,
  uniqueTag,
} from '@/server/testing/device-test-kit'
import { hashDeviceToken } from '../device-tokens'

const database = connectTestDatabase()
const { api } = createTestApi(database)
killAgentsAfterAll()

const devicePath = gatewayAndDriverForFile(database)

/** The printed command line, run with this checkout's launcher in place of `npx relayflow-agent`. */
function argsOf(commandLine: string): string[] {
  const parts = commandLine.match(/'[^']*'|\S+/g) ?? []
  expect(parts.slice(0, 2)).toEqual(['npx', 'relayflow-agent'])
  return parts.slice(2).map((p) => (p.startsWith("'") ? p.slice(1, -1) : p))
}

describe('devices API', () => {
  it('createToken shows the token once, stores only its hash, and its command line starts a working agent', async () => {
    const tag = uniqueTag('api')
    const created = await api.devices.createToken({
      name: 'Edge box 7',
      tags: [tag],
      serverUrl: devicePath.gateway.url,
    })
    expect(created.token).toMatch(/^rfd_/)
    expect(created.commandLine).toContain(`--token ${created.token}`)
    const [row] =
      await database.sql`SELECT token_hash, token_prefix FROM devices WHERE id = ${created.deviceId}`
    expect(row?.token_hash).toBe(hashDeviceToken(created.token))
    expect(JSON.stringify(await api.devices.get({ id: created.deviceId }))).not.toContain(created.token)

    await spawnAgentWithArgs(argsOf(created.commandLine))
    const list = await api.devices.list({ tag })
    expect(list.items).toHaveLength(1)
    expect(list.items[0]).toMatchObject({
      id: created.deviceId,
      name: 'Edge box 7',
      status: 'online',
      tags: [tag],
    })
    expect(list.items[0]?.capabilities).toContain('system.info')
  })

  it('get shows recent commands with their results, commandLogs their output lines; list filters by status', async () => {
    const tag = uniqueTag('detail')
    const created = await api.devices.createToken({
      name: 'Detail',
      tags: [tag],
      serverUrl: devicePath.gateway.url,
    })
    await spawnAgent(devicePath.gateway.url, created.token, ['--tags', tag, '--allow-shell', 'echo *'])
    await expect
      .poll(() => devicePath.driver.matchDevices({ deviceId: created.deviceId }, 'echo').length, {
        timeout: 5000,
      })
      .toBe(1)
    const commandId = `api-${Date.now()}`
    await devicePath.driver.dispatch({
      commandId,
      action: 'shell.exec',
      params: { command: 'echo', args: ['one\ntwo'] },
      target: { deviceId: created.deviceId },
      timeoutMs: 5000,
      signal: new AbortController().signal,
    })
    expect((await api.devices.commandLogs({ commandId })).items.map((l) => [l.stream, l.line])).toEqual([
      ['stdout', 'one'],
      ['stdout', 'two'],
    ])
    await devicePath.driver.dispatch({
      commandId: `api-echo-${Date.now()}`,
      action: 'echo',
      params: { n: 42 },
      target: { deviceId: created.deviceId },
      timeoutMs: 5000,
      signal: new AbortController().signal,
    })
    const detail = await api.devices.get({ id: created.deviceId })
    expect(detail.recentCommands[0]).toMatchObject({ action: 'echo', status: 'succeeded', output: { n: 42 } })
    expect(detail.connections[0]).toMatchObject({ disconnectedAt: null })
    expect(detail.actions.map((a) => a.name)).toContain('http.request')

    await api.devices.drain({ id: created.deviceId, draining: true })
    expect((await api.devices.list({ tag, status: 'draining' })).items).toHaveLength(1)
    expect((await api.devices.list({ tag, status: 'online' })).items).toHaveLength(0)
    await api.devices.drain({ id: created.deviceId, draining: false })
    expect((await api.devices.list({ tag, status: 'online' })).items).toHaveLength(1)

    await api.devices.revoke({ id: created.deviceId })
    expect((await api.devices.list({ tag })).items).toHaveLength(0)
    expect((await api.devices.list({ tag, status: 'revoked' })).items[0]).toMatchObject({
      id: created.deviceId,
      status: 'offline',
    })
  })

  it('refuses bad input naming the field, and unknown devices with NOT_FOUND', async () => {
    await expect(
      api.devices.createToken({ name: '', tags: ['ok'], serverUrl: devicePath.gateway.url }),
    ).rejects.toThrow(/name/)
    await expect(
      api.devices.createToken({ name: 'x', tags: ['has space'], serverUrl: devicePath.gateway.url }),
    ).rejects.toThrow(/tags/)
    await expect(api.devices.revoke({ id: 'dev_missing' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(api.devices.get({ id: 'dev_missing' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
