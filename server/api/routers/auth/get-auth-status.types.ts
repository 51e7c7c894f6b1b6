import { z } from 'zod'
import { ZRole } from '@/server/auth/roles'

export const ZAuthStatusOutput = z.object({
  /** 'on' when the permission matrix is enforced (RELAYFLOW_AUTH). */
  mode: z.enum(['off', 'on']),
  /** No account exists yet: /setup creates the first admin. */
  needsSetup: z.boolean(),
  /** Who the caller is: a user, an API token's owner, or nobody. */
  actor: z
    .object({
      kind: z.enum(['user', 'token', 'system']),
      userId: z.string().nullable(),
      email: z.string().nullable(),
      name: z.string(),
      role: ZRole,
    })
    .nullable(),
})
