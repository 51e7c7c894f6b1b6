import { revokeApiToken } from '@/server/auth/api-token-store'
import { publicProcedure } from '../../trpc'
import { ZRevokeApiTokenInput, ZRevokeApiTokenOutput } from './revoke-api-token.types'
import { tokenOwner } from './token-owner'

/** Revokes one of your tokens; admins may revoke anyone's. Takes effect on the token's next call. */
export const revokeApiTokenProcedure = publicProcedure
  .input(ZRevokeApiTokenInput)
  .output(ZRevokeApiTokenOutput)
  .mutation(({ ctx, input }) => {
    const owner = tokenOwner(ctx)
    return revokeApiToken(ctx, input.id, owner.role === 'admin' ? undefined : owner.userId)
  })
