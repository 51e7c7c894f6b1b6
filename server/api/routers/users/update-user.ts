import { updateUser } from '@/server/auth/user-store'
import { publicProcedure } from '../../trpc'
import { ZUpdateUserInput, ZUpdateUserOutput } from './update-user.types'

/** Changes a user's role, name or enabled state; the last enabled admin cannot be demoted or disabled. */
export const updateUserProcedure = publicProcedure
  .input(ZUpdateUserInput)
  .output(ZUpdateUserOutput)
  .mutation(({ ctx, input }) => updateUser(ctx, input.id, input))
