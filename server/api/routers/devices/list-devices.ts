import { listDevices } from '@/server/devices/fleet/device-queries'
import { publicProcedure } from '../../trpc'
import { ZListDevicesInput, ZListDevicesOutput } from './list-devices.types'

export const listDevicesProcedure = publicProcedure
  .input(ZListDevicesInput)
  .output(ZListDevicesOutput)
  .query(async ({ ctx, input }) => ({ items: await listDevices(ctx.db, input) }))
