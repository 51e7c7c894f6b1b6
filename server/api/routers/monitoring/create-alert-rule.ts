// A user alert rule on one of the alert metrics; invalid fields are refused, each named.
import { createAlertRule } from '@/server/metrics/alert-rule-store'
import { publicProcedure } from '../../trpc'
import { ZCreateAlertRuleInput, ZCreateAlertRuleOutput } from './create-alert-rule.types'

export const createAlertRuleProcedure = publicProcedure
  .input(ZCreateAlertRuleInput)
  .output(ZCreateAlertRuleOutput)
  .mutation(({ ctx, input }) => createAlertRule(ctx.db, ctx.clock.now(), input))
