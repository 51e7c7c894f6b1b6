import { z } from 'zod'
import { ZDeviceId } from './device.types'

export const ZRevokeDeviceInput = z.object({ id: ZDeviceId })
export const ZRevokeDeviceOutput = z.object({ id: z.string(), revoked: z.literal(true) })
