// Zod pieces shared by the devices procedures.
import { z } from 'zod'
import { DEVICE_STATUSES } from '@/server/devices/fleet/device-queries'
import { ZTag } from '@/contracts/device-protocol'

export const ZDeviceId = z.string().min(1).max(100)
export const ZDeviceStatus = z.enum(DEVICE_STATUSES)
export const ZDeviceTags = z.array(ZTag).max(32, 'at most 32 tags')

export const ZDeviceSummary = z.object({
  id: z.string(),
  name: z.string(),
  tags: z.array(z.string()),
  capabilities: z.array(z.string()),
  status: ZDeviceStatus,
  draining: z.boolean(),
  load: z.number().int(),
  maxConcurrency: z.number().int(),
  running: z.number().int(),
  agentVersion: z.string().nullable(),
  tokenPrefix: z.string(),
  lastSeenAt: z.date().nullable(),
  createdAt: z.date(),
  revokedAt: z.date().nullable(),
})
