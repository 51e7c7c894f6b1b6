import { getDevice } from '@/server/devices/device-queries'
import { publicProcedure } from '../../trpc'
import { ZGetDeviceInput, ZGetDeviceOutput } from './get-device.types'

export const getDeviceProcedure = publicProcedure
  .input(ZGetDeviceInput)
  .output(ZGetDeviceOutput)
  .query(({ ctx, input }) => getDevice(ctx.db, input.id))
