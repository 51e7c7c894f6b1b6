import { z } from 'zod'
import { ZRunId, ZStartedRun } from './run.types'

export const ZRerunRunInput = z.object({
  id: ZRunId,
  /** Rerun these steps and everything behind them; default: every step that did not succeed. */
  fromSteps: z.array(z.string().min(1)).min(1).max(100).optional(),
  onVersion: z.enum(['original', 'current']).default('original'),
})
export const ZRerunRunOutput = ZStartedRun
