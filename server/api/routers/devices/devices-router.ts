import { router } from '../../trpc'
import { createDeviceTokenProcedure } from './create-device-token'
import { drainDeviceProcedure } from './drain-device'
import { getDeviceProcedure } from './get-device'
import { listCommandLogsProcedure } from './list-command-logs'
import { listDeviceActionsProcedure } from './list-device-actions'
import { listDevicesProcedure } from './list-devices'
import { revokeDeviceProcedure } from './revoke-device'

export const devicesRouter = router({
  list: listDevicesProcedure,
  get: getDeviceProcedure,
  createToken: createDeviceTokenProcedure,
  revoke: revokeDeviceProcedure,
  drain: drainDeviceProcedure,
  commandLogs: listCommandLogsProcedure,
  actions: listDeviceActionsProcedure,
})
