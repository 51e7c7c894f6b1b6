import { isAuthEnforced } from '@/server/auth/request-info'
import { countUsers } from '@/server/auth/user-store'
import { publicProcedure } from '../../trpc'
import { ZAuthStatusOutput } from './get-auth-status.types'

/** What the UI needs to decide between setup, login and the app, and which actions to show. */
export const getAuthStatusProcedure = publicProcedure.output(ZAuthStatusOutput).query(async ({ ctx }) => {
  const actor = ctx.actor
  return {
    mode: isAuthEnforced(ctx.auth) ? ('on' as const) : ('off' as const),
    needsSetup: (await countUsers(ctx.db)) === 0,
    actor: !actor
      ? null
      : actor.kind === 'system'
        ? { kind: actor.kind, userId: null, email: null, name: actor.name, role: actor.role }
        : {
            kind: actor.kind,
            userId: actor.userId,
            email: actor.email,
            name: actor.kind === 'user' ? actor.name : actor.tokenName,
            role: actor.role,
          },
  }
})
