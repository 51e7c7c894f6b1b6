import { z } from 'zod'

export const ZGetMonitoringSeriesInput = z.object({
  minutes: z
    .number()
    .int()
    .min(1, 'minutes must be at least 1')
    .max(1440, 'minutes must be at most 1440 (a day)')
    .default(60),
})

export const ZGetMonitoringSeriesOutput = z.array(
  z.object({
    sampledAt: z.date(),
    queueDepth: z.number().int(),
    runsRunning: z.number().int(),
    runsQueued: z.number().int(),
    dispatchP95Ms: z.number().nullable(),
    stepFailureRate: z.number().nullable(),
    deviceUtilization: z.number().nullable(),
  }),
)
export type TMonitoringSeries = z.infer<typeof ZGetMonitoringSeriesOutput>
