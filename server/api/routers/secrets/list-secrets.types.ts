import { z } from 'zod'
import { ZSecretSummary } from './secret.types'

export const ZListSecretsOutput = z.array(ZSecretSummary)
