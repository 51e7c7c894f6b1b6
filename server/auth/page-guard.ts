// Sends browsers that are not signed in to /login (or /setup before the first admin exists) when
// auth is on, and away from /setup once it is done. Only page requests are guarded: Next's assets and the auth pages themselves pass.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isAuthEnforced, type CallContext } from './request-info'
import { resolveRequestActor } from './request-context'
import { countUsers } from './user-store'

const OPEN_PAGES = new Set(['/login', '/setup', '/favicon.ico', '/robots.txt'])

function isOpenPath(pathname: string): boolean {
  return pathname.startsWith('/_next/') || pathname.startsWith('/__nextjs') || OPEN_PAGES.has(pathname)
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, 'cache-control': 'no-store' })
  res.end()
}

/** True when the request was answered (redirected); false to let Next.js render it. */
export async function guardPage(
  ctx: CallContext,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<boolean> {
  if (!isAuthEnforced(ctx.auth)) return false
  // Setup happens once: afterwards the page sends people to sign in (or home, when they are).
  if (pathname === '/setup' && req.method === 'GET' && (await countUsers(ctx.db)) > 0) {
    redirect(res, (await resolveRequestActor(ctx, req)) ? '/' : '/login')
    return true
  }
  if (isOpenPath(pathname)) return false
  if (await resolveRequestActor(ctx, req)) return false
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    // Server actions and other writes to page routes: nothing to redirect, just refuse.
    res.writeHead(401, { 'content-type': 'text/plain' })
    res.end('Sign in first.')
    return true
  }
  if ((await countUsers(ctx.db)) === 0) {
    redirect(res, '/setup')
    return true
  }
  const next = req.url && req.url !== '/' ? `?next=${encodeURIComponent(req.url)}` : ''
  redirect(res, `/login${next}`)
  return true
}
