import { agentCommandLine, createDeviceToken } from '@/server/devices/fleet/device-admin'
import { publicProcedure } from '../../trpc'
import { ZCreateDeviceTokenInput, ZCreateDeviceTokenOutput } from './create-device-token.types'

export const createDeviceTokenProcedure = publicProcedure
  .input(ZCreateDeviceTokenInput)
  .output(ZCreateDeviceTokenOutput)
  .mutation(async ({ ctx, input }) => {
    const created = await createDeviceToken(ctx.db, { name: input.name, tags: input.tags })
    ctx.logger.info({ deviceId: created.deviceId }, 'device token created')
    return {
      ...created,
      commandLine: agentCommandLine({
        serverUrl: input.serverUrl.replace(/\/+$/, ''),
        ...created,
        tags: input.tags,
      }),
    }
  })
