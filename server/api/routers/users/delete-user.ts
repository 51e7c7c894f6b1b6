import { deleteUser } from '@/server/auth/user-store'
import { publicProcedure } from '../../trpc'
import { ZDeleteUserInput, ZDeleteUserOutput } from './delete-user.types'

/** Deletes an account with its sessions and tokens; the audit log keeps its email. */
export const deleteUserProcedure = publicProcedure
  .input(ZDeleteUserInput)
  .output(ZDeleteUserOutput)
  .mutation(({ ctx, input }) => deleteUser(ctx, input.id))
