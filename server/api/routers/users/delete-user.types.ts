import { z } from 'zod'
import { ZUserId } from './user.types'

export const ZDeleteUserInput = z.object({ id: ZUserId })
export const ZDeleteUserOutput = z.object({ id: z.string(), email: z.string() })
