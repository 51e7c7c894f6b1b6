import { z } from 'zod'
import { ZSignedInUser } from './auth.types'

export const ZLogInInput = z.object({
  email: z.string().trim().toLowerCase().min(1, 'Enter your email address.').max(254),
  password: z.string().min(1, 'Enter your password.').max(256),
})
export const ZLogInOutput = z.object({ user: ZSignedInUser })
