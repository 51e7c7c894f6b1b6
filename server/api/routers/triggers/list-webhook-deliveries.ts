import { listWebhookDeliveries } from '@/server/triggers/webhook-deliveries'
import { publicProcedure } from '../../trpc'
import { ZListWebhookDeliveriesInput, ZListWebhookDeliveriesOutput } from './list-webhook-deliveries.types'

export const listWebhookDeliveriesProcedure = publicProcedure
  .input(ZListWebhookDeliveriesInput)
  .output(ZListWebhookDeliveriesOutput)
  .query(async ({ ctx, input }) => ({ items: await listWebhookDeliveries(ctx.db, input) }))
