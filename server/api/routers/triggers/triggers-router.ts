// Webhook and cron triggers: `triggers.webhooks.*` and `triggers.schedules.*`.
import { router } from '../../trpc'
import { createScheduleProcedure } from './create-schedule'
import { deleteScheduleProcedure } from './delete-schedule'
import { disableWebhookProcedure } from './disable-webhook'
import { enableWebhookProcedure } from './enable-webhook'
import { getWebhookProcedure } from './get-webhook'
import { listScheduleFiresProcedure } from './list-schedule-fires'
import { listWebhookDeliveriesProcedure } from './list-webhook-deliveries'
import { listSchedulesProcedure } from './list-schedules'
import { rotateWebhookProcedure } from './rotate-webhook'
import { updateScheduleProcedure } from './update-schedule'

export const triggersRouter = router({
  webhooks: router({
    get: getWebhookProcedure,
    enable: enableWebhookProcedure,
    rotate: rotateWebhookProcedure,
    disable: disableWebhookProcedure,
    deliveries: listWebhookDeliveriesProcedure,
  }),
  schedules: router({
    list: listSchedulesProcedure,
    create: createScheduleProcedure,
    update: updateScheduleProcedure,
    delete: deleteScheduleProcedure,
    fires: listScheduleFiresProcedure,
  }),
})
