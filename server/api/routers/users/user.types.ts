// Zod pieces shared by the users procedures.
import { z } from 'zod'

export const ZUserId = z.uuid({ error: 'user id must be a UUID' })
export const ZUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  disabled: z.boolean(),
  lastLoginAt: z.date().nullable(),
  createdAt: z.date(),
})
