// Zod pieces shared by the API token procedures.
import { z } from 'zod'

export const ZApiToken = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  role: z.string(),
  /** The token's last characters, to tell tokens apart. */
  tokenHint: z.string(),
  expiresAt: z.date(),
  revokedAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
  createdAt: z.date(),
})
