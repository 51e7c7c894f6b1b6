// Replaces a rule's fields (built-in rules too: their thresholds are editable). Disabling a rule
// clears its alert.
import { updateAlertRule } from '@/server/metrics/alert-rule-store'
import { publicProcedure } from '../../trpc'
import { ZUpdateAlertRuleInput, ZUpdateAlertRuleOutput } from './update-alert-rule.types'

export const updateAlertRuleProcedure = publicProcedure
  .input(ZUpdateAlertRuleInput)
  .output(ZUpdateAlertRuleOutput)
  .mutation(({ ctx, input: { id, ...fields } }) => updateAlertRule(ctx.db, ctx.clock.now(), id, fields))
