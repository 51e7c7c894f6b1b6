// Who may open the /live namespace: with auth on, a browser with a valid session cookie or a
// client with an API token (`auth: { token }` in the handshake, or an Authorization header), from
// this site's own pages. /devices keeps its device tokens (server/devices).
import type { IncomingMessage } from 'node:http'
import type { Socket } from 'socket.io'
import type { ApiContext } from '@/server/api/context'
import { resolveApiToken } from './api-token-store'
import { isAuthEnforced } from './request-info'
import { resolveRequestActor } from './request-context'

type Deps = Pick<ApiContext, 'db' | 'clock' | 'auth' | 'logger'>

function isForeignOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin
  if (!origin) return false
  try {
    return new URL(origin).host !== req.headers.host
  } catch {
    return true
  }
}

export function liveAccessMiddleware(deps: Deps): (socket: Socket, next: (error?: Error) => void) => void {
  return (socket, next) => {
    if (!isAuthEnforced(deps.auth)) return next()
    const handshakeToken: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token
    const resolving =
      typeof handshakeToken === 'string'
        ? resolveApiToken(deps, handshakeToken)
        : isForeignOrigin(socket.request)
          ? Promise.resolve(undefined)
          : resolveRequestActor(deps, socket.request)
    resolving.then(
      (actor) => {
        if (!actor) return next(new Error('unauthorized: sign in, or pass an API token as auth.token'))
        socket.data = { ...(socket.data as object), actor }
        next()
      },
      (error: unknown) => {
        deps.logger.warn({ err: error }, 'live handshake check failed')
        next(new Error('unavailable: try again'))
      },
    )
  }
}
