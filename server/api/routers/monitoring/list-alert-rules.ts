// Every alert rule (built-ins first), or only those pending or firing now (the bell).
import { listActiveAlerts, listAlertRules } from '@/server/metrics/alert-rule-store'
import { publicProcedure } from '../../trpc'
import { ZListAlertRulesInput, ZListAlertRulesOutput } from './list-alert-rules.types'

export const listAlertRulesProcedure = publicProcedure
  .input(ZListAlertRulesInput)
  .output(ZListAlertRulesOutput)
  .query(({ ctx, input }) => (input.activeOnly ? listActiveAlerts(ctx.db) : listAlertRules(ctx.db)))
