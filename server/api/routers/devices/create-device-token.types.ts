import { z } from 'zod'
import { ZDeviceTags } from './device.types'

export const ZCreateDeviceTokenInput = z.object({
  name: z.string().trim().min(1, 'name is required').max(100, 'name must be at most 100 characters'),
  tags: ZDeviceTags.default([]),
  /** Where agents reach this server (the browser sends its origin); used in the command line. */
  serverUrl: z.url({ protocol: /^https?$/, error: 'serverUrl must be an http(s) URL' }),
})

export const ZCreateDeviceTokenOutput = z.object({
  deviceId: z.string(),
  name: z.string(),
  /** Shown once; only its hash is stored. */
  token: z.string(),
  commandLine: z.string(),
})
