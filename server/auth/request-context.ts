// Builds each HTTP request's API context: the caller (API token in `Authorization: Bearer`, else
// the session cookie), the client address and a way to set cookies. Also used by /live and the
// page guard, so every entry point identifies callers the same way.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ServiceDeps } from '@/server/platform/deps'
import type { Actor } from './actor'
import { resolveApiToken } from './api-token-store'
import type { AuthSettings, CallContext } from './request-info'
import { readSessionCookie } from './session-cookie'
import { resolveSession } from './session-store'

type Deps = Pick<ServiceDeps, 'db' | 'clock'>

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

export function clientAddress(req: IncomingMessage, settings: AuthSettings | undefined): string {
  if (settings?.trustProxy) {
    // The proxy appends the address it saw; entries to its left came from the client and can be forged.
    const forwarded = firstHeader(req.headers['x-forwarded-for'])?.split(',').at(-1)?.trim()
    if (forwarded) return forwarded
  }
  return req.socket.remoteAddress ?? 'unknown'
}

export function isSecureRequest(req: IncomingMessage, settings: AuthSettings | undefined): boolean {
  if (
    settings?.trustProxy &&
    firstHeader(req.headers['x-forwarded-proto'])?.split(',')[0]?.trim() === 'https'
  )
    return true
  return 'encrypted' in req.socket && req.socket.encrypted === true
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = firstHeader(req.headers.authorization)
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
  return match?.[1]
}

/** A state-changing request whose Origin names another site must not ride on the session cookie. */
function isCrossSiteWrite(req: IncomingMessage): boolean {
  const method = req.method ?? 'GET'
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false
  const origin = firstHeader(req.headers.origin)
  if (!origin) return false
  try {
    return new URL(origin).host !== req.headers.host
  } catch {
    return true
  }
}

export async function resolveRequestActor(deps: Deps, req: IncomingMessage): Promise<Actor | undefined> {
  const token = bearerToken(req)
  if (token !== undefined) return resolveApiToken(deps, token)
  const session = readSessionCookie(req.headers.cookie)
  if (session === undefined || isCrossSiteWrite(req)) return undefined
  return resolveSession(deps, session)
}

export async function createRequestContext<T extends CallContext>(
  base: T,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<T> {
  return {
    ...base,
    actor: await resolveRequestActor(base, req),
    request: {
      ip: clientAddress(req, base.auth),
      userAgent: firstHeader(req.headers['user-agent']) ?? '',
      secure: isSecureRequest(req, base.auth),
      setCookie: (value) => res.appendHeader('set-cookie', value),
    },
  }
}
