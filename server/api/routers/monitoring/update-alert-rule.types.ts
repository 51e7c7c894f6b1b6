import { checkAlertRule, ZAlertRuleFields } from '@/server/statistics/monitoring/alert-rules'
import { ZAlertRule, ZAlertRuleId } from './monitoring.types'

export const ZUpdateAlertRuleInput = ZAlertRuleFields.extend({ id: ZAlertRuleId }).superRefine(checkAlertRule)
export const ZUpdateAlertRuleOutput = ZAlertRule
