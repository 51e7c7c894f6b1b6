import { disableWebhook } from '@/server/triggers/webhook-trigger-store'
import { publicProcedure } from '../../trpc'
import { ZDisableWebhookInput, ZDisableWebhookOutput } from './disable-webhook.types'

export const disableWebhookProcedure = publicProcedure
  .input(ZDisableWebhookInput)
  .output(ZDisableWebhookOutput)
  .mutation(({ ctx, input }) => disableWebhook(ctx.db, input.workflowId))
