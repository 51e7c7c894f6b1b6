import { rotateWebhook } from '@/server/triggers/webhook-trigger-store'
import { publicProcedure } from '../../trpc'
import { ZRotateWebhookInput, ZRotateWebhookOutput } from './rotate-webhook.types'

export const rotateWebhookProcedure = publicProcedure
  .input(ZRotateWebhookInput)
  .output(ZRotateWebhookOutput)
  .mutation(({ ctx, input }) => rotateWebhook(ctx, input))
