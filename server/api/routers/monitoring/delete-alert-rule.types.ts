import { z } from 'zod'
import { ZAlertRuleId } from './monitoring.types'

export const ZDeleteAlertRuleInput = z.object({ id: ZAlertRuleId })
export const ZDeleteAlertRuleOutput = z.object({ id: z.string() })
