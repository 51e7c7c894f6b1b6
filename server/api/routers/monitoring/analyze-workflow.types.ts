import { z } from 'zod'
import { tryParseDuration } from '@/server/engine/duration'
import { ZWorkflowId } from '../shared.types'
import { ZAnomaly } from './list-anomalies.types'

const MAX_RANGE_MS = 90 * 86_400_000

export const ZAnalyzeWorkflowInput = z.object({
  workflowId: ZWorkflowId,
  /** How far back to look, e.g. "1h", "24h", "7d" (at most 90 days). */
  range: z
    .string()
    .default('24h')
    .refine((v) => (tryParseDuration(v) ?? 0) > 0 && (tryParseDuration(v) ?? 0) <= MAX_RANGE_MS, {
      message: 'range must be a duration such as "1h", "24h" or "7d", at most 90 days',
    }),
})

const ZStepReport = z.object({
  stepId: z.string(),
  name: z.string(),
  type: z.string(),
  runs: z.number().int(),
  failed: z.number().int(),
  failureRate: z.number().nullable(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
  retried: z.number().int(),
  succeededOnSecondAttempt: z.number().int(),
  errorCodes: z.array(z.object({ code: z.string(), count: z.number().int() })),
})

export const ZAnalyzeWorkflowOutput = z.object({
  workflowId: z.string(),
  workflowName: z.string(),
  version: z.number().int(),
  from: z.date(),
  to: z.date(),
  runs: z.object({ total: z.number().int(), byStatus: z.record(z.string(), z.number().int()) }),
  steps: z.array(ZStepReport),
  slowestSteps: z.array(z.string()),
  anomalies: z.array(ZAnomaly),
  suggestions: z.array(
    z.object({
      kind: z.enum(['parallelize', 'add_retry', 'flaky_retry', 'lower_timeout', 'dominant_step']),
      stepIds: z.array(z.string()),
      message: z.string(),
    }),
  ),
})
export type TWorkflowAnalysis = z.infer<typeof ZAnalyzeWorkflowOutput>
