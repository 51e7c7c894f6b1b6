import { getDevice } from '@/server/devices/fleet/device-queries'
import { publicProcedure } from '../../trpc'
import { ZGetDeviceInput, ZGetDeviceOutput } from './get-device.types'

export const getDeviceProcedure = publicProcedure
  .input(ZGetDeviceInput)
  .output(ZGetDeviceOutput)
  .query(({ ctx, input }) => getDevice(ctx.db, input.id))
