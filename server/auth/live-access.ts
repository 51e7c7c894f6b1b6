// Who may open the /live namespace: with auth on, a browser with a valid session cookie or a
// client with an API token (`auth: { token }` in the handshake, or an Authorization header), from
// this site's own pages. An open socket lives only as long as its credential would still be
// accepted: a revoke, logout, password reset, role change, disabling or deleting the user is
// announced through Postgres (credential-changes.ts) and every node closes the sockets it affects.
// /devices keeps its device tokens (server/devices).
import type { IncomingMessage } from 'node:http'
import type postgres from 'postgres'
import type { Namespace, Socket } from 'socket.io'
import { listen } from '@/server/platform/notify-bus'
import type { Actor } from './actor'
import { resolveApiToken } from './api-token-store'
import { isAuthEnforced, type CallContext } from './request-info'
import { bearerToken } from './request-context'
import { readSessionCookie } from './session-cookie'
import { resolveSession } from './session-store'

type Deps = Pick<CallContext, 'db' | 'clock' | 'auth' | 'logger'>

/** What a socket was let in with, kept so it can be checked again later. */
type Credential = { kind: 'session' | 'token'; token: string }
type LiveSocketData = { actor?: Actor; credential?: Credential }

function isForeignOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin
  if (!origin) return false
  try {
    return new URL(origin).host !== req.headers.host
  } catch {
    return true
  }
}

function credentialOf(socket: Socket): Credential | undefined {
  const handshakeToken: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token
  if (typeof handshakeToken === 'string') return { kind: 'token', token: handshakeToken }
  // Headers (cookie, Authorization) only count from this site's own pages.
  if (isForeignOrigin(socket.request)) return undefined
  const bearer = bearerToken(socket.request)
  if (bearer !== undefined) return { kind: 'token', token: bearer }
  const session = readSessionCookie(socket.request.headers.cookie)
  return session === undefined ? undefined : { kind: 'session', token: session }
}

function resolveCredential(deps: Deps, credential: Credential | undefined): Promise<Actor | undefined> {
  if (!credential) return Promise.resolve(undefined)
  return credential.kind === 'token' ? resolveApiToken(deps, credential.token) : resolveSession(deps, credential.token)
}

export function liveAccessMiddleware(deps: Deps): (socket: Socket, next: (error?: Error) => void) => void {
  return (socket, next) => {
    if (!isAuthEnforced(deps.auth)) return next()
    const credential = credentialOf(socket)
    resolveCredential(deps, credential).then(
      (actor) => {
        if (!actor) return next(new Error('unauthorized: sign in, or pass an API token as auth.token'))
        socket.data = { ...(socket.data as object), actor, credential } satisfies LiveSocketData
        next()
      },
      (error: unknown) => {
        deps.logger.warn({ err: error }, 'live handshake check failed')
        next(new Error('unavailable: try again'))
      },
    )
  }
}

/**
 * Closes this node's /live sockets whose credential no longer admits them, whenever any node
 * announces that a user's credentials changed; after the LISTEN connection (re)opens, every socket
 * is checked, since announcements made meanwhile were missed.
 */
export function watchLiveCredentials(
  namespace: Namespace,
  deps: Deps & { sql: postgres.Sql },
): { stop: () => Promise<void> } {
  const log = deps.logger.child({ component: 'live-access' })
  const recheck = async (affects: (data: LiveSocketData) => boolean) => {
    for (const socket of [...namespace.sockets.values()]) {
      const data = socket.data as LiveSocketData
      if (!data.credential || !affects(data)) continue
      if (await resolveCredential(deps, data.credential)) continue
      log.info({ userId: data.actor && 'userId' in data.actor ? data.actor.userId : undefined }, 'credential revoked; closing a /live socket')
      socket.disconnect(true)
    }
  }
  const run = (affects: (data: LiveSocketData) => boolean) =>
    void recheck(affects).catch((error: unknown) => log.warn({ err: error }, 'checking /live sockets failed'))
  if (!isAuthEnforced(deps.auth)) return { stop: async () => {} }
  return listen(
    deps.sql,
    'credentials',
    (userId) => run((data) => data.actor !== undefined && 'userId' in data.actor && data.actor.userId === userId),
    {
      onResync: () => run(() => true),
      onError: (error) => log.warn({ err: error }, 'LISTEN for credential changes failed'),
    },
  )
}

/** The access rules for /live: the handshake check and the revocation watch. */
export function guardLiveNamespace(namespace: Namespace, deps: Deps & { sql: postgres.Sql }): { stop: () => Promise<void> } {
  namespace.use(liveAccessMiddleware(deps))
  return watchLiveCredentials(namespace, deps)
}
