// Zod pieces shared by the runs procedures.
import { z } from 'zod'
import { EXECUTION_STATUSES, STEP_STATUSES } from '@/server/engine/run/run-status'
import { RUN_KINDS } from '@/server/platform/run-kind'

export const ZRunId = z.uuid({ error: 'run id must be a UUID' })
export const ZExecutionStatus = z.enum(EXECUTION_STATUSES)
export const ZStepStatus = z.enum(STEP_STATUSES)
/** 'test': one step tested from the editor. */
export const ZRunKind = z.enum(RUN_KINDS)
export const ZStartedRun = z.object({ executionId: z.string() })
