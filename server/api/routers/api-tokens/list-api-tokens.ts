import { listApiTokens } from '@/server/auth/api-token-store'
import { AuthError } from '@/server/auth/auth-errors'
import { publicProcedure } from '../../trpc'
import { ZListApiTokensInput, ZListApiTokensOutput } from './list-api-tokens.types'
import { tokenOwner } from './token-owner'

export const listApiTokensProcedure = publicProcedure
  .input(ZListApiTokensInput)
  .output(ZListApiTokensOutput)
  .query(({ ctx, input }) => {
    const owner = tokenOwner(ctx)
    if (input.all && owner.role !== 'admin')
      throw new AuthError('forbidden', 'Only admins can list every user’s tokens.')
    return listApiTokens(ctx.db, input.all ? undefined : owner.userId)
  })
