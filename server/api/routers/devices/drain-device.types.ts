import { z } from 'zod'
import { ZDeviceId } from './device.types'

export const ZDrainDeviceInput = z.object({ id: ZDeviceId, draining: z.boolean() })
export const ZDrainDeviceOutput = z.object({ id: z.string(), draining: z.boolean() })
