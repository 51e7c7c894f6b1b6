// The `/devices` handshake: an agent connects with auth { token }; an unknown or revoked token is
// refused before the connection exists, and the device id rides on the socket from then on.
import type { Db } from '@/db/client'
import type { Logger } from '@/server/platform/logger'
import { ZDeviceAuth, type ProtocolError } from '@/contracts/device-protocol'
import { findDeviceByToken } from './device-registry'
import type { DeviceNamespace } from './gateway-resources'

type Middleware = Parameters<DeviceNamespace['use']>[0]

export function authenticateDevices(db: Db, log: Logger): Middleware {
  return (socket, next) => {
    const refuse = (error: ProtocolError) => {
      log.warn({ code: error.code, address: socket.handshake.address }, 'refused a device connection')
      next(Object.assign(new Error(error.code), { data: error }))
    }
    const auth = ZDeviceAuth.safeParse(socket.handshake.auth)
    if (!auth.success)
      return refuse({
        code: 'missing_token',
        message: 'Connect with auth { token }: the device token from the fleet page.',
      })
    findDeviceByToken(db, auth.data.token).then(
      (device) => {
        if (!device)
          return refuse({
            code: 'invalid_token',
            message: 'The token is unknown or was revoked. Create a new one on the fleet page.',
          })
        socket.data.deviceId = device.id
        next()
      },
      (error: unknown) => {
        log.error({ err: error }, 'token lookup failed')
        next(
          Object.assign(new Error('internal_error'), {
            data: { code: 'internal_error', message: 'Try again shortly.' },
          }),
        )
      },
    )
  }
}
