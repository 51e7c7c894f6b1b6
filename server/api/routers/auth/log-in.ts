import { login } from '@/server/auth/login'
import { publicProcedure } from '../../trpc'
import { startBrowserSession } from './browser-session'
import { ZLogInInput, ZLogInOutput } from './log-in.types'

/** Signs in with email and password; throttled per account and per address (server/auth/login-throttle.ts). */
export const logInProcedure = publicProcedure
  .input(ZLogInInput)
  .output(ZLogInOutput)
  .mutation(async ({ ctx, input }) => {
    const result = await login(ctx, {
      email: input.email,
      password: input.password,
      ip: ctx.request?.ip ?? 'in-process',
      userAgent: ctx.request?.userAgent ?? '',
    })
    startBrowserSession(ctx, result)
    return { user: result.user }
  })
