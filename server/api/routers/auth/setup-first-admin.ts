import { isRole } from '@/server/auth/roles'
import { createSession } from '@/server/auth/session-store'
import { setupFirstAdmin } from '@/server/auth/user-store'
import { publicProcedure } from '../../trpc'
import { startBrowserSession } from './browser-session'
import { ZSetupFirstAdminInput, ZSetupFirstAdminOutput } from './setup-first-admin.types'

/** First start only: creates the first admin and signs them in. Refused once any account exists. */
export const setupFirstAdminProcedure = publicProcedure
  .input(ZSetupFirstAdminInput)
  .output(ZSetupFirstAdminOutput)
  .mutation(async ({ ctx, input }) => {
    const user = await setupFirstAdmin(ctx, input)
    const session = await createSession(ctx, user.id, {
      ip: ctx.request?.ip,
      userAgent: ctx.request?.userAgent,
    })
    startBrowserSession(ctx, session)
    const role = isRole(user.role) ? user.role : 'admin'
    return { user: { id: user.id, email: user.email, name: user.name, role } }
  })
