import { z } from 'zod'
import { MAX_TOKEN_DAYS } from '@/server/auth/api-token-store'
import { ZRole } from '@/server/auth/roles'
import { ZApiToken } from './api-token.types'

export const ZCreateApiTokenInput = z.object({
  name: z.string().trim().min(1, 'Name the token after what uses it.').max(120),
  /** At most the creator's own role. */
  role: ZRole,
  expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).default(90),
})
/** `token` is shown this once; only its hash is stored. */
export const ZCreateApiTokenOutput = ZApiToken.extend({ token: z.string() })
