import { ZAlertRuleInput } from '@/server/engine/monitoring/alert-rules'
import { ZAlertRule } from './monitoring.types'

export const ZCreateAlertRuleInput = ZAlertRuleInput
export const ZCreateAlertRuleOutput = ZAlertRule
