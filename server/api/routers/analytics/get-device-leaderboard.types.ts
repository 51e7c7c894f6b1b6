import { z } from 'zod'
import { ZAnalyticsInput, ZPercentileMs } from './analytics.types'

export const ZGetDeviceLeaderboardInput = ZAnalyticsInput

export const ZGetDeviceLeaderboardOutput = z.array(
  z.object({
    deviceId: z.string(),
    deviceName: z.string(),
    commands: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    failureRate: z.number(),
    p50Ms: ZPercentileMs,
    p95Ms: ZPercentileMs,
    busyMs: z.number(),
    topErrorCode: z.string().nullable(),
  }),
)
export type TDeviceLeaderboard = z.infer<typeof ZGetDeviceLeaderboardOutput>
