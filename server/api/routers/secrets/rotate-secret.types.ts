import { z } from 'zod'
import { ZSecretName, ZSecretValue } from '@/server/secrets/secret-store'
import { ZSecretRef } from './secret.types'

export const ZRotateSecretInput = z.object({ name: ZSecretName, value: ZSecretValue })
export const ZRotateSecretOutput = ZSecretRef
