import { createUser } from '@/server/auth/user-store'
import { publicProcedure } from '../../trpc'
import { ZCreateUserInput, ZCreateUserOutput } from './create-user.types'

/** An admin creates an account with an initial password, to hand over out of band. */
export const createUserProcedure = publicProcedure
  .input(ZCreateUserInput)
  .output(ZCreateUserOutput)
  .mutation(({ ctx, input }) => createUser(ctx, input))
