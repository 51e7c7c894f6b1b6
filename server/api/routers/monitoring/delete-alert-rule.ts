// Deletes a user rule with its history; built-in rules are refused (disable them instead).
import { deleteAlertRule } from '@/server/metrics/alert-rule-store'
import { publicProcedure } from '../../trpc'
import { ZDeleteAlertRuleInput, ZDeleteAlertRuleOutput } from './delete-alert-rule.types'

export const deleteAlertRuleProcedure = publicProcedure
  .input(ZDeleteAlertRuleInput)
  .output(ZDeleteAlertRuleOutput)
  .mutation(async ({ ctx, input }) => {
    await deleteAlertRule(ctx.db, input.id)
    return { id: input.id }
  })
