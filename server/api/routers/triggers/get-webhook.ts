import { getWebhookStatus } from '@/server/triggers/webhook-trigger-store'
import { publicProcedure } from '../../trpc'
import { ZGetWebhookInput, ZGetWebhookOutput } from './get-webhook.types'

export const getWebhookProcedure = publicProcedure
  .input(ZGetWebhookInput)
  .output(ZGetWebhookOutput)
  .query(({ ctx, input }) => getWebhookStatus(ctx.db, input.workflowId))
