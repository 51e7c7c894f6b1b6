import { enableWebhook } from '@/server/triggers/webhook-trigger-store'
import { publicProcedure } from '../../trpc'
import { ZEnableWebhookInput, ZEnableWebhookOutput } from './enable-webhook.types'

export const enableWebhookProcedure = publicProcedure
  .input(ZEnableWebhookInput)
  .output(ZEnableWebhookOutput)
  .mutation(({ ctx, input }) => enableWebhook(ctx, input))
