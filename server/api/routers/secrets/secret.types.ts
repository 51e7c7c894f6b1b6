// Zod pieces shared by the secrets procedures. No output ever carries a value.
import { z } from 'zod'
import { ZSecretName } from '@/server/secrets/secret-store'

export const ZSecretNameInput = z.object({ name: ZSecretName })
export const ZSecretRef = z.object({ id: z.string(), name: z.string() })
export const ZSecretSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.date(),
  rotatedAt: z.date().nullable(),
  readable: z.boolean(),
})
