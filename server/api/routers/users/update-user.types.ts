import { z } from 'zod'
import { ZRole } from '@/server/auth/roles'
import { ZUserName } from '@/server/auth/user-store'
import { ZUser, ZUserId } from './user.types'

export const ZUpdateUserInput = z.object({
  id: ZUserId,
  role: ZRole.optional(),
  name: ZUserName.optional(),
  /** Disabling signs the user out everywhere and stops their API tokens. */
  disabled: z.boolean().optional(),
})
export const ZUpdateUserOutput = ZUser
