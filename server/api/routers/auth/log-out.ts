import { deleteSession } from '@/server/auth/session-store'
import { publicProcedure } from '../../trpc'
import { endBrowserSession } from './browser-session'
import { ZLogOutOutput } from './log-out.types'

/** Ends this browser's session (the row goes, so the cookie is useless even if kept). */
export const logOutProcedure = publicProcedure.output(ZLogOutOutput).mutation(async ({ ctx }) => {
  const actor = ctx.actor
  if (actor?.kind === 'user') await deleteSession(ctx.db, actor.sessionHash)
  endBrowserSession(ctx)
  return { loggedOut: actor?.kind === 'user' }
})
