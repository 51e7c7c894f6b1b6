import { z } from 'zod'
import { ZDeviceId, ZDeviceSummary } from './device.types'

export const ZGetDeviceInput = z.object({ id: ZDeviceId })

export const ZGetDeviceOutput = ZDeviceSummary.extend({
  actions: z.array(
    z.object({ name: z.string(), description: z.string().optional(), paramsSchema: z.unknown().optional() }),
  ),
  host: z.record(z.string(), z.string()).nullable(),
  recentCommands: z.array(
    z.object({
      id: z.string(),
      executionId: z.string().nullable(),
      action: z.string(),
      params: z.unknown(),
      status: z.string(),
      output: z.unknown(),
      error: z.object({ code: z.string(), message: z.string(), retryable: z.boolean() }).nullable(),
      progress: z.object({ percent: z.number().nullable(), message: z.string().nullable() }).nullable(),
      createdAt: z.date(),
      startedAt: z.date().nullable(),
      finishedAt: z.date().nullable(),
    }),
  ),
  connections: z.array(
    z.object({
      id: z.string(),
      gatewayId: z.string(),
      remoteAddress: z.string().nullable(),
      connectedAt: z.date(),
      disconnectedAt: z.date().nullable(),
      reason: z.string().nullable(),
    }),
  ),
})
