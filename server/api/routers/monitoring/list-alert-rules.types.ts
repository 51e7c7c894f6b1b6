import { z } from 'zod'
import { ZAlertRule } from './monitoring.types'

export const ZListAlertRulesInput = z
  .object({ activeOnly: z.boolean().default(false) })
  .default({ activeOnly: false })
export const ZListAlertRulesOutput = z.array(ZAlertRule)
