import { resetPassword } from '@/server/auth/user-store'
import { publicProcedure } from '../../trpc'
import { ZResetPasswordInput, ZResetPasswordOutput } from './reset-password.types'

/** Sets a new password and signs the user out everywhere. */
export const resetPasswordProcedure = publicProcedure
  .input(ZResetPasswordInput)
  .output(ZResetPasswordOutput)
  .mutation(async ({ ctx, input }) => {
    await resetPassword(ctx, input.id, input.password)
    return { id: input.id, reset: true as const }
  })
