// Zod pieces shared by the auth procedures.
import { z } from 'zod'
import { ZRole } from '@/server/auth/roles'

export const ZSignedInUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: ZRole,
})
