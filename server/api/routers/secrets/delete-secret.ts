import { deleteSecret } from '@/server/secrets/secret-store'
import { publicProcedure } from '../../trpc'
import { ZDeleteSecretInput, ZDeleteSecretOutput } from './delete-secret.types'

/** Workflows that still reference the name fail pre-flight at their next run start. */
export const deleteSecretProcedure = publicProcedure
  .input(ZDeleteSecretInput)
  .output(ZDeleteSecretOutput)
  .mutation(({ ctx, input }) => deleteSecret(ctx, input.name))
