import { z } from 'zod'
import { ZDeviceStatus, ZDeviceSummary } from './device.types'

export const ZListDevicesInput = z
  .object({
    tag: z.string().trim().min(1).max(64).optional(),
    status: z.union([ZDeviceStatus, z.literal('revoked')]).optional(),
    search: z.string().trim().min(1).max(100).optional(),
  })
  .default({})

export const ZListDevicesOutput = z.object({ items: z.array(ZDeviceSummary) })
