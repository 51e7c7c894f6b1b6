import { revokeDevice } from '@/server/devices/fleet/device-admin'
import { publicProcedure } from '../../trpc'
import { ZRevokeDeviceInput, ZRevokeDeviceOutput } from './revoke-device.types'

export const revokeDeviceProcedure = publicProcedure
  .input(ZRevokeDeviceInput)
  .output(ZRevokeDeviceOutput)
  .mutation(async ({ ctx, input }) => {
    await revokeDevice(ctx.db, input.id)
    ctx.logger.info({ deviceId: input.id }, 'device revoked')
    return { id: input.id, revoked: true as const }
  })
