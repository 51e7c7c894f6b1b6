import { ZAlertRuleInput } from '@/server/statistics/monitoring/alert-rules'
import { ZAlertRule } from './monitoring.types'

export const ZCreateAlertRuleInput = ZAlertRuleInput
export const ZCreateAlertRuleOutput = ZAlertRule
