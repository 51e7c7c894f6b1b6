// Alert transitions (pending, firing, resolved), newest first, with webhook delivery status.
import { listAlertHistory } from '@/server/metrics/alert-rule-store'
import { publicProcedure } from '../../trpc'
import { ZListAlertHistoryInput, ZListAlertHistoryOutput } from './list-alert-history.types'

export const listAlertHistoryProcedure = publicProcedure
  .input(ZListAlertHistoryInput)
  .output(ZListAlertHistoryOutput)
  .query(({ ctx, input }) => listAlertHistory(ctx.db, input))
