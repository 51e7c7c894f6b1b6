// Sets and clears the session cookie on the HTTP response behind a call (no-op in-process).
import type { ApiContext } from '@/server/api/context'
import { clearedSessionCookie, sessionCookie } from '@/server/auth/session-cookie'

export function startBrowserSession(ctx: ApiContext, session: { token: string; expiresAt: Date }): void {
  const maxAgeSeconds = (session.expiresAt.getTime() - ctx.clock.now().getTime()) / 1000
  ctx.request?.setCookie(sessionCookie(session.token, { secure: ctx.request.secure, maxAgeSeconds }))
}

export function endBrowserSession(ctx: ApiContext): void {
  ctx.request?.setCookie(clearedSessionCookie(ctx.request.secure))
}
