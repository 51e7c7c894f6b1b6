import { actorUserId } from '@/server/auth/actor'
import { createSecret } from '@/server/secrets/secret-store'
import { publicProcedure } from '../../trpc'
import { ZCreateSecretInput, ZCreateSecretOutput } from './create-secret.types'

export const createSecretProcedure = publicProcedure
  .input(ZCreateSecretInput)
  .output(ZCreateSecretOutput)
  .mutation(({ ctx, input }) => createSecret(ctx, { ...input, createdBy: actorUserId(ctx.actor) }))
