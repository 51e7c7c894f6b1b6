import { z } from 'zod'
import { ZAlertRule } from './monitoring.types'

export const ZGetMonitoringSnapshotInput = z.object({}).optional()

const ZPercentiles = z.object({
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
})
const ZWindow = z.object({
  windowSeconds: z.number(),
  stepsFinished: z.number().int(),
  stepsFailed: z.number().int(),
  stepFailureRate: z.number().nullable(),
  stepDurationMs: ZPercentiles,
  dispatchLatencyMs: ZPercentiles,
  runsFinished: z.number().int(),
  runsFailed: z.number().int(),
  runFailureRate: z.number().nullable(),
})

export const ZGetMonitoringSnapshotOutput = z.object({
  at: z.date(),
  state: z.object({
    runsRunning: z.number().int(),
    runsQueued: z.number().int(),
    queueDepth: z.number().int(),
    scheduledSteps: z.number().int(),
    devicesByStatus: z.record(z.string(), z.number().int()),
    deviceUtilization: z.number().nullable(),
    deviceSlots: z.number().int(),
    deviceLoad: z.number().int(),
    leaseReclaimsTotal: z.number().int(),
    dbConnectionsByState: z.record(z.string(), z.number().int()),
  }),
  last5m: ZWindow,
  last60m: ZWindow,
  alerts: z.array(ZAlertRule),
})
export type TMonitoringSnapshot = z.infer<typeof ZGetMonitoringSnapshotOutput>
