import { rotateSecret } from '@/server/secrets/secret-store'
import { publicProcedure } from '../../trpc'
import { ZRotateSecretInput, ZRotateSecretOutput } from './rotate-secret.types'

/** Replaces the value (re-encrypted under the current key); steps dispatched after this use it. */
export const rotateSecretProcedure = publicProcedure
  .input(ZRotateSecretInput)
  .output(ZRotateSecretOutput)
  .mutation(({ ctx, input }) => rotateSecret(ctx, input))
