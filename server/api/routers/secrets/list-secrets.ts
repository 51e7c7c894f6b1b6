import { listSecrets } from '@/server/secrets/secret-store'
import { publicProcedure } from '../../trpc'
import { ZListSecretsOutput } from './list-secrets.types'

/** Names and dates only: values are never readable back. */
export const listSecretsProcedure = publicProcedure
  .output(ZListSecretsOutput)
  .query(({ ctx }) => listSecrets(ctx))
