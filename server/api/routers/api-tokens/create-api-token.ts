import { createApiToken } from '@/server/auth/api-token-store'
import { publicProcedure } from '../../trpc'
import { ZCreateApiTokenInput, ZCreateApiTokenOutput } from './create-api-token.types'
import { tokenOwner } from './token-owner'

export const createApiTokenProcedure = publicProcedure
  .input(ZCreateApiTokenInput)
  .output(ZCreateApiTokenOutput)
  .mutation(({ ctx, input }) => {
    const owner = tokenOwner(ctx)
    return createApiToken(ctx, { userId: owner.userId, creatorRole: owner.role, ...input })
  })
