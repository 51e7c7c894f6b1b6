import { listFleetActions } from '@/server/devices/fleet-actions'
import { publicProcedure } from '../../trpc'
import { ZListDeviceActionsOutput } from './list-device-actions.types'

/** `devices.actions`: every action registered devices announce, with its online count and schema. */
export const listDeviceActionsProcedure = publicProcedure
  .output(ZListDeviceActionsOutput)
  .query(async ({ ctx }) => ({ items: await listFleetActions(ctx.db) }))
