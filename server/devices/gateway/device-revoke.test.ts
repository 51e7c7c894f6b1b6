// Revoking a device disconnects its agent at once, fails what it was running with device_lost, and
// refuses the token from then on.
import { describe, expect, it } from 'vitest'
import { gatewayAndDriverForFile } from '@/server/testing/device-path-kit'
import { io } from 'socket.io-client'
import { connectTestDatabase } from '@/server/testing/test-api'
import { revokeDevice } from '../fleet/device-admin'
import { createTestDevice, killAgentsAfterAll, spawnAgent } from '@/server/testing/device-test-kit'
import { DEVICE_NAMESPACE } from '@/contracts/device-protocol'

const database = connectTestDatabase()
killAgentsAfterAll()

const devicePath = gatewayAndDriverForFile(database)

function connectError(token: string): Promise<{ message: string; data?: { code: string } }> {
  return new Promise((resolve) => {
    const socket = io(devicePath.gateway.url + DEVICE_NAMESPACE, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
    })
    socket.on('connect', () => {
      socket.disconnect()
      resolve({ message: 'connected' })
    })
    socket.on('connect_error', (error: Error & { data?: { code: string } }) => {
      socket.disconnect()
      resolve({ message: error.message, ...(error.data ? { data: error.data } : {}) })
    })
  })
}

describe('revoking a device', () => {
  it('disconnects the agent at once, fails its command with device_lost, and refuses the token afterwards', async () => {
    const device = await createTestDevice(database)
    const agent = await spawnAgent(devicePath.gateway.url, device.token)
    await expect
      .poll(() => devicePath.driver.matchDevices({ deviceId: device.deviceId }, 'sleep').length, {
        timeout: 5000,
      })
      .toBe(1)
    const pending = devicePath.driver.dispatch({
      commandId: `revoke-${Date.now()}`,
      action: 'sleep',
      params: { ms: 10_000 },
      target: { deviceId: device.deviceId },
      timeoutMs: 20_000,
      signal: new AbortController().signal,
    })
    await expect
      .poll(
        async () =>
          (
            await database.sql<
              { status: string }[]
            >`SELECT status FROM device_commands WHERE device_id = ${device.deviceId}`
          )[0]?.status,
        { timeout: 5000 },
      )
      .toBe('running')
    await revokeDevice(database.db, device.deviceId)
    // A `revoked` device:error is only pushed by the revoke notification, never by the heartbeat sweep:
    // it shows the agent was cut off at once, without timing it.
    await agent.waitFor((line) => line.msg === 'gateway error' && line.code === 'revoked', 15_000)
    await agent.waitFor((line) => line.msg === 'disconnected', 15_000)
    expect(await pending).toMatchObject({ ok: false, error: { code: 'device_lost', retryable: true } })
    await agent.waitFor((line) => line.msg === 'connection failed' && line.reason === 'invalid_token', 15_000)
    expect(await connectError(device.token)).toMatchObject({
      message: 'invalid_token',
      data: { code: 'invalid_token' },
    })
    const [row] = await database.sql`SELECT status, revoked_at FROM devices WHERE id = ${device.deviceId}`
    expect(row).toMatchObject({ status: 'offline' })
    expect(row?.revoked_at).not.toBeNull()
  }, 30_000)

  it('a wrong or missing token is refused', async () => {
    expect(await connectError('rfd_not-a-real-token')).toMatchObject({ message: 'invalid_token' })
    expect(await connectError('')).toMatchObject({ message: 'missing_token' })
  })
})
