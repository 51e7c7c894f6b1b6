// Zod pieces shared by the runs procedures.
import { z } from 'zod'
import { EXECUTION_STATUSES, STEP_STATUSES } from '@/server/engine/run/run-status'

export const ZRunId = z.uuid({ error: 'run id must be a UUID' })
export const ZExecutionStatus = z.enum(EXECUTION_STATUSES)
export const ZStepStatus = z.enum(STEP_STATUSES)
export const ZStartedRun = z.object({ executionId: z.string() })
