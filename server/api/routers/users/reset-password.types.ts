import { z } from 'zod'
import { ZPassword } from '@/server/auth/user-store'
import { ZUserId } from './user.types'

export const ZResetPasswordInput = z.object({ id: ZUserId, password: ZPassword })
export const ZResetPasswordOutput = z.object({ id: z.string(), reset: z.literal(true) })
