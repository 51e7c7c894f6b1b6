import { setDraining } from '@/server/devices/fleet/device-admin'
import { publicProcedure } from '../../trpc'
import { ZDrainDeviceInput, ZDrainDeviceOutput } from './drain-device.types'

export const drainDeviceProcedure = publicProcedure
  .input(ZDrainDeviceInput)
  .output(ZDrainDeviceOutput)
  .mutation(async ({ ctx, input }) => {
    await setDraining(ctx.db, input.id, input.draining)
    return { id: input.id, draining: input.draining }
  })
