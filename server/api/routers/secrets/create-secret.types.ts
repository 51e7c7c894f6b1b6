import { z } from 'zod'
import { ZSecretName, ZSecretValue } from '@/server/secrets/secret-store'
import { ZSecretRef } from './secret.types'

export const ZCreateSecretInput = z.object({
  name: ZSecretName,
  value: ZSecretValue,
  description: z.string().trim().max(500).default(''),
})
export const ZCreateSecretOutput = ZSecretRef
