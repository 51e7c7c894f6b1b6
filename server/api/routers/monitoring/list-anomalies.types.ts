import { z } from 'zod'
import { ZWorkflowId } from '../shared.types'

export const ZListAnomaliesInput = z
  .object({
    workflowId: ZWorkflowId.optional(),
    /** Only anomalies about this device (the device page). */
    deviceId: z.string().min(1).max(200).optional(),
    /** Only anomalies about this run: its slow steps, its devices, its failing steps (the run view). */
    executionId: z.uuid({ error: 'executionId must be a UUID' }).optional(),
    lookbackHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 90, 'lookbackHours must be at most 2160 (90 days)')
      .default(24),
    recentMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60, 'recentMinutes must be at most 1440')
      .default(60),
  })
  .default({ lookbackHours: 24, recentMinutes: 60 })

export const ZAnomaly = z.object({
  kind: z.enum(['slow_execution', 'slow_device', 'high_failure_rate']),
  subject: z.object({ kind: z.enum(['step', 'device']), key: z.string(), label: z.string() }),
  sampleId: z.string().optional(),
  at: z.date().optional(),
  observed: z.number(),
  baseline: z.number(),
  ratio: z.number(),
  score: z.number(),
  explanation: z.string(),
})
export const ZListAnomaliesOutput = z.array(ZAnomaly)
export type TAnomaly = z.infer<typeof ZAnomaly>
